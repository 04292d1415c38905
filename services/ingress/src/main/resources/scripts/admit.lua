-- Admits one request against sliding one-window limits, atomically for every ingress replica.
-- KEYS[1] tenant request log (zset job -> ms), KEYS[2] tenant token counts (hash job -> tokens),
-- KEYS[3] key request log (zset job -> ms), KEYS[4] tenant in-flight jobs (zset job -> ms)
-- ARGV[1] now ms, ARGV[2] window ms, ARGV[3] job id, ARGV[4] estimated tokens,
-- ARGV[5] tenant requests, ARGV[6] tenant tokens, ARGV[7] key requests, ARGV[8] key tokens,
-- ARGV[9] most in-flight jobs, ARGV[10] ms after which an in-flight job is presumed lost
-- A limit below 0 means none.
-- A job's tokens are counted once, in the tenant's hash, and the key's usage is read from there too:
-- settle.lua replaces that one count with the real one, which corrects the tenant and the key alike.
-- Returns {admitted 1|0, refused-by ('' or a name), tenant requests used, tenant tokens used,
--          key requests used, key tokens used, ms until the oldest request leaves the window}
local now, window = tonumber(ARGV[1]), tonumber(ARGV[2])
local job, tokens = ARGV[3], tonumber(ARGV[4])
local counts = KEYS[2]

-- Drops the requests that left the window from the tenant's log and their counts from the hash.
local function prune_tenant(log)
  local expired = redis.call('ZRANGEBYSCORE', log, '-inf', now - window)
  for i = 1, #expired, 500 do
    redis.call('HDEL', counts, unpack(expired, i, math.min(i + 499, #expired)))
  end
  redis.call('ZREMRANGEBYSCORE', log, '-inf', now - window)
end

local function usage(log)
  local ids = redis.call('ZRANGE', log, 0, -1)
  local used = 0
  for i = 1, #ids, 500 do
    for _, t in ipairs(redis.call('HMGET', counts, unpack(ids, i, math.min(i + 499, #ids)))) do
      used = used + (tonumber(t) or 0)
    end
  end
  return #ids, used
end

local function over(limit, used, more)
  limit = tonumber(limit)
  return limit >= 0 and used + more > limit
end

prune_tenant(KEYS[1])
-- the key's jobs are the tenant's jobs, admitted at the same instant: their counts are already gone
redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now - window)
local tenant_requests, tenant_tokens = usage(KEYS[1])
local key_requests, key_tokens = usage(KEYS[3])
redis.call('ZREMRANGEBYSCORE', KEYS[4], '-inf', now - tonumber(ARGV[10]))
local in_flight = redis.call('ZCARD', KEYS[4])

local refused = ''
if over(ARGV[5], tenant_requests, 1) then refused = 'tenant_requests'
elseif over(ARGV[7], key_requests, 1) then refused = 'key_requests'
elseif over(ARGV[6], tenant_tokens, tokens) then refused = 'tenant_tokens'
elseif over(ARGV[8], key_tokens, tokens) then refused = 'key_tokens'
elseif over(ARGV[9], in_flight, 1) then refused = 'concurrency'
end

if refused == '' then
  redis.call('ZADD', KEYS[1], now, job)
  redis.call('HSET', counts, job, tokens)
  redis.call('ZADD', KEYS[3], now, job)
  redis.call('ZADD', KEYS[4], now, job)
  for i = 1, 3 do redis.call('PEXPIRE', KEYS[i], window * 2) end
  redis.call('PEXPIRE', KEYS[4], tonumber(ARGV[10]))
  tenant_requests, tenant_tokens = tenant_requests + 1, tenant_tokens + tokens
  key_requests, key_tokens = key_requests + 1, key_tokens + tokens
end

local reset = 0
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if #oldest > 0 then reset = tonumber(oldest[2]) + window - now end
return {refused == '' and 1 or 0, refused, tenant_requests, tenant_tokens, key_requests, key_tokens, reset}
