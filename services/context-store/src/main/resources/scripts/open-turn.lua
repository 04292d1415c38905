-- Opens a job's turn in a session and returns the session's history, atomically.
-- KEYS[1] history list, KEYS[2] pending-turns hash, KEYS[3] set of the jobs whose turn has closed
-- ARGV[1] job id, ARGV[2] the turn (now-ms, then one JSON message per line), ARGV[3] '1' to skip waiting,
-- ARGV[4] now in ms, ARGV[5] ms after which an open turn no longer holds the session, ARGV[6] ttl seconds
-- Returns {1, history...} or {0, id of the earlier job still open}.
if redis.call('SISMEMBER', KEYS[3], ARGV[1]) == 1 then
  -- routed again after its turn closed: reopening it would hold the session for a result that never comes
  local history = redis.call('LRANGE', KEYS[1], 0, -1)
  table.insert(history, 1, 1)
  return history
end
if ARGV[3] ~= '1' then
  local open = redis.call('HGETALL', KEYS[2])
  for i = 1, #open, 2 do
    local id, turn = open[i], open[i + 1]
    if id ~= ARGV[1] then
      local opened = tonumber(string.match(turn, '^(%d+)'))
      if opened and tonumber(ARGV[4]) - opened < tonumber(ARGV[5]) then
        return {0, id}
      end
    end
  end
end
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
redis.call('EXPIRE', KEYS[2], ARGV[6])
local history = redis.call('LRANGE', KEYS[1], 0, -1)
table.insert(history, 1, 1)
return history
