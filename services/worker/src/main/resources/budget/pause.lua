-- Pauses a key for every replica after the provider answered 429: no reservation until the pause ends.
-- KEYS: the key's state. ARGV: pause ms, window ms. A later end wins over an earlier one.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local paused_until = now + tonumber(ARGV[1])
if paused_until > tonumber(redis.call('HGET', KEYS[1], 'paused_until') or '0') then
  redis.call('HSET', KEYS[1], 'paused_until', paused_until)
end
if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[1]) + tonumber(ARGV[2]) then
  redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[1]) + tonumber(ARGV[2]))
end
return paused_until
