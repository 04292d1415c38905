-- Admits one request against sliding one-window limits, atomically for every ingress replica.
-- KEYS[1] tenant request log (zset job -> ms), KEYS[2] tenant token counts (hash job -> tokens),
-- KEYS[3] key request log (zset job -> ms), KEYS[4] tenant in-flight jobs (zset job -> ms),
-- KEYS[5] token sums (hash: 'tenant' -> the sum of KEYS[2], 'key:<id>' -> the sum of that key's jobs in KEYS[2]),
-- KEYS[6] the key of each job in KEYS[2] (hash job -> 'key:<id>')
-- ARGV[1] now ms, ARGV[2] window ms, ARGV[3] job id, ARGV[4] estimated tokens,
-- ARGV[5] tenant requests, ARGV[6] tenant tokens, ARGV[7] key requests, ARGV[8] key tokens,
-- ARGV[9] most in-flight jobs, ARGV[10] ms after which an in-flight job is presumed lost, ARGV[11] 'key:<id>'
-- A limit below 0 means none.
-- A job's tokens are counted once, in the tenant's hash; settle.lua replaces that one count with the real one.
-- Token usage is read from running sums, kept as jobs enter the window, settle and leave it, so that an
-- admission costs the same however many jobs the window holds (summing the window on every admission took
-- 3.7 ms of Redis per request at 4,000 jobs in the window). A missing sum (data of an earlier version) is
-- summed from the window once.
-- Returns {admitted 1|0, refused-by ('' or a name), tenant requests used, tenant tokens used,
--          key requests used, key tokens used, ms until the oldest request leaves the window}
local now, window = tonumber(ARGV[1]), tonumber(ARGV[2])
local job, tokens, key_field = ARGV[3], tonumber(ARGV[4]), ARGV[11]
local log, counts, key_log, in_flight_log, sums, owners = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6]
local horizon = now - window

local function add_to_sum(field, amount)
  if amount ~= 0 and redis.call('HEXISTS', sums, field) == 1 then redis.call('HINCRBY', sums, field, amount) end
end

-- Drops the requests that left the window from the tenant's log, their counts from the hash and the sums.
local function prune_tenant()
  local expired = redis.call('ZRANGEBYSCORE', log, '-inf', horizon)
  for i = 1, #expired, 500 do
    local batch = { unpack(expired, i, math.min(i + 499, #expired)) }
    local values = redis.call('HMGET', counts, unpack(batch))
    local keys = redis.call('HMGET', owners, unpack(batch))
    local gone = 0
    for j = 1, #batch do
      local t = tonumber(values[j]) or 0
      gone = gone + t
      if keys[j] then add_to_sum(keys[j], -t) end
    end
    add_to_sum('tenant', -gone)
    redis.call('HDEL', counts, unpack(batch))
    redis.call('HDEL', owners, unpack(batch))
  end
  redis.call('ZREMRANGEBYSCORE', log, '-inf', horizon)
end

local function tokens_of(ids)
  local used = 0
  for i = 1, #ids, 500 do
    for _, t in ipairs(redis.call('HMGET', counts, unpack(ids, i, math.min(i + 499, #ids)))) do
      used = used + (tonumber(t) or 0)
    end
  end
  return used
end

-- Sums the tenant's window, or the key's, once, when its running sum is missing; a key's jobs are then
-- marked as its own so that they leave its sum as they leave the window.
local function ensure_sums()
  if redis.call('HEXISTS', sums, 'tenant') == 0 then
    redis.call('HSET', sums, 'tenant', tokens_of(redis.call('ZRANGE', log, 0, -1)))
  end
  if redis.call('HEXISTS', sums, key_field) == 0 then
    local ids = redis.call('ZRANGE', key_log, 0, -1)
    for i = 1, #ids do redis.call('HSET', owners, ids[i], key_field) end
    redis.call('HSET', sums, key_field, tokens_of(ids))
  end
end

local function over(limit, used, more)
  limit = tonumber(limit)
  return limit >= 0 and used + more > limit
end

prune_tenant()
-- the key's jobs are the tenant's jobs, admitted at the same instant: their counts are already gone
redis.call('ZREMRANGEBYSCORE', key_log, '-inf', horizon)
ensure_sums()
local tenant_requests = redis.call('ZCARD', log)
local tenant_tokens = tonumber(redis.call('HGET', sums, 'tenant'))
local key_requests = redis.call('ZCARD', key_log)
local key_tokens = tonumber(redis.call('HGET', sums, key_field))
redis.call('ZREMRANGEBYSCORE', in_flight_log, '-inf', now - tonumber(ARGV[10]))
local in_flight = redis.call('ZCARD', in_flight_log)

local refused = ''
if over(ARGV[5], tenant_requests, 1) then refused = 'tenant_requests'
elseif over(ARGV[7], key_requests, 1) then refused = 'key_requests'
elseif over(ARGV[6], tenant_tokens, tokens) then refused = 'tenant_tokens'
elseif over(ARGV[8], key_tokens, tokens) then refused = 'key_tokens'
elseif over(ARGV[9], in_flight, 1) then refused = 'concurrency'
end

if refused == '' then
  redis.call('ZADD', log, now, job)
  redis.call('HSET', counts, job, tokens)
  redis.call('HSET', owners, job, key_field)
  redis.call('HINCRBY', sums, 'tenant', tokens)
  redis.call('HINCRBY', sums, key_field, tokens)
  redis.call('ZADD', key_log, now, job)
  redis.call('ZADD', in_flight_log, now, job)
  redis.call('PEXPIRE', in_flight_log, tonumber(ARGV[10]))
  tenant_requests, tenant_tokens = tenant_requests + 1, tenant_tokens + tokens
  key_requests, key_tokens = key_requests + 1, key_tokens + tokens
end
-- The same expiry for the window's keys, refused or not: a sum must never outlive the counts it sums.
for _, k in ipairs({ log, counts, key_log, sums, owners }) do redis.call('PEXPIRE', k, window * 2) end

local reset = 0
local oldest = redis.call('ZRANGE', log, 0, 0, 'WITHSCORES')
if #oldest > 0 then reset = tonumber(oldest[2]) + window - now end
return {refused == '' and 1 or 0, refused, tenant_requests, tenant_tokens, key_requests, key_tokens, reset}
