-- Reserves one call on the key with most budget left among a provider's keys, atomically for every replica.
-- KEYS: per candidate, its reservation log (sorted set, score = reserved at, member = "<id>:<tokens>") then
--       its state (hash: tokens = tokens reserved in the window, paused_until = ms, after a provider 429).
-- ARGV: window ms, tokens to reserve, reservation id, then per candidate its rpm and tpm (0: no limit).
-- Returns {index of the key reserved (1-based), 0}, or {0, ms until the soonest candidate may have room}.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local window = tonumber(ARGV[1])
local tokens = tonumber(ARGV[2])
local id = ARGV[3]

local function tokens_of(member)
  return tonumber(string.match(member, ':(%d+)$'))
end

local best, best_left, best_count, soonest = nil, -1, 0, nil
for i = 1, #KEYS / 2 do
  local log, state = KEYS[2 * i - 1], KEYS[2 * i]
  local rpm, tpm = tonumber(ARGV[2 + 2 * i]), tonumber(ARGV[3 + 2 * i])
  -- sliding window: forget what was reserved more than a window ago, and its tokens
  local expired = redis.call('ZRANGEBYSCORE', log, '-inf', now - window)
  if #expired > 0 then
    local freed = 0
    for _, member in ipairs(expired) do freed = freed + tokens_of(member) end
    redis.call('ZREMRANGEBYSCORE', log, '-inf', now - window)
    redis.call('HINCRBY', state, 'tokens', -freed)
  end
  local count = redis.call('ZCARD', log)
  local used = tonumber(redis.call('HGET', state, 'tokens') or '0')
  if count == 0 and used ~= 0 then
    used = 0 -- the log expired before the state (a long pause kept it): nothing is reserved
    redis.call('HSET', state, 'tokens', 0)
  end
  local wait = 0
  local paused = tonumber(redis.call('HGET', state, 'paused_until') or '0')
  if paused > now then wait = paused - now end
  if rpm > 0 and count >= rpm then
    -- room comes when the reservation that keeps the count at the limit leaves the window
    local oldest = redis.call('ZRANGE', log, count - rpm, count - rpm, 'WITHSCORES')
    wait = math.max(wait, tonumber(oldest[2]) + window - now)
  end
  -- a call asking more than the whole limit goes alone, in an empty window, rather than never
  if tpm > 0 and used > 0 and used + tokens > tpm then
    local all = redis.call('ZRANGE', log, 0, -1, 'WITHSCORES')
    local freed = 0
    for j = 1, #all, 2 do
      freed = freed + tokens_of(all[j])
      if used - freed + tokens <= tpm or j + 2 > #all then
        wait = math.max(wait, tonumber(all[j + 1]) + window - now)
        break
      end
    end
  end
  if wait > 0 then
    if soonest == nil or wait < soonest then soonest = wait end
  else
    -- most budget left: the smaller share left of the limited dimensions; among equals, the least used
    local left = 1
    if rpm > 0 then left = math.min(left, (rpm - count) / rpm) end
    if tpm > 0 then left = math.min(left, math.max(0, tpm - used) / tpm) end
    if left > best_left or (left == best_left and count < best_count) then
      best, best_left, best_count = i, left, count
    end
  end
end

if best == nil then
  return {0, math.max(1, math.ceil(soonest))}
end
local log, state = KEYS[2 * best - 1], KEYS[2 * best]
redis.call('ZADD', log, now, id .. ':' .. tokens)
redis.call('HINCRBY', state, 'tokens', tokens)
redis.call('PEXPIRE', log, window * 2)
if redis.call('PTTL', state) < window * 2 then redis.call('PEXPIRE', state, window * 2) end
return {best, 0}
