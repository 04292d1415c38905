-- Closes a job's turn: appends its messages and the assistant's reply to the history, once.
-- KEYS[1] history list, KEYS[2] pending-turns hash, KEYS[3] set of the jobs whose turn has closed
-- ARGV[1] job id, ARGV[2] the assistant message as JSON ('' when the job failed: nothing is appended),
-- ARGV[3] most messages kept, ARGV[4] ttl seconds
-- Returns 1 when appended, 2 when the failed turn was dropped, 0 when there was no open turn (a duplicate).
local turn = redis.call('HGET', KEYS[2], ARGV[1])
if not turn then
  return 0
end
redis.call('HDEL', KEYS[2], ARGV[1])
redis.call('SADD', KEYS[3], ARGV[1])
redis.call('EXPIRE', KEYS[3], ARGV[4])
if ARGV[2] == '' then
  return 2
end
local first = true
for line in string.gmatch(turn, '[^\n]+') do
  if first then
    first = false -- the opening timestamp
  else
    redis.call('RPUSH', KEYS[1], line)
  end
end
redis.call('RPUSH', KEYS[1], ARGV[2])
redis.call('LTRIM', KEYS[1], -tonumber(ARGV[3]), -1)
redis.call('EXPIRE', KEYS[1], ARGV[4])
return 1
