-- Reads the tenant's and the key's usage of the current window without changing anything (run with
-- EVAL_RO), for the rate-limit headers of responses that consume no limit.
-- KEYS[1] tenant request log, KEYS[2] tenant token counts, KEYS[3] key request log, KEYS[4] token sums
-- (as in admit.lua); ARGV[1] now ms, ARGV[2] window ms, ARGV[3] 'key:<id>'
-- Returns admit.lua's answer for a request that was neither admitted nor refused:
-- {1, '', tenant requests used, tenant tokens used, key requests used, key tokens used, ms until reset}
local now, window = tonumber(ARGV[1]), tonumber(ARGV[2])
local horizon = now - window

local function tokens_of(ids)
  local used = 0
  for i = 1, #ids, 500 do
    for _, t in ipairs(redis.call('HMGET', KEYS[2], unpack(ids, i, math.min(i + 499, #ids)))) do
      used = used + (tonumber(t) or 0)
    end
  end
  return used
end

-- Entries that left the window may still be there (only admissions prune). Those whose count is still in the
-- hash are still in the running sum too: take them off. Without a sum (data of an earlier version), sum the window.
local function usage(log, field)
  local requests = redis.call('ZCOUNT', log, '(' .. horizon, '+inf')
  local sum = tonumber(redis.call('HGET', KEYS[4], field))
  if not sum then
    return requests, tokens_of(redis.call('ZRANGEBYSCORE', log, '(' .. horizon, '+inf'))
  end
  return requests, sum - tokens_of(redis.call('ZRANGEBYSCORE', log, '-inf', horizon))
end

local tenant_requests, tenant_tokens = usage(KEYS[1], 'tenant')
local key_requests, key_tokens = usage(KEYS[3], ARGV[3])
local reset = 0
local oldest = redis.call('ZRANGEBYSCORE', KEYS[1], '(' .. horizon, '+inf', 'WITHSCORES', 'LIMIT', 0, 1)
if #oldest > 0 then reset = tonumber(oldest[2]) + window - now end
return {1, '', tenant_requests, tenant_tokens, key_requests, key_tokens, reset}
