-- Settles a call that was answered: its estimated tokens become the tokens it used, and it counts in the
-- window from now on. The provider started counting the call when it arrived, somewhere between our
-- reservation and its answer; only the answer's time is sure not to be earlier, so a window of ours never
-- ends before the provider's (a cold connection can take seconds to deliver a call).
-- KEYS: the key's log, its state. ARGV: reservation id, estimated tokens, used tokens.
local member = ARGV[1] .. ':' .. ARGV[2]
if not redis.call('ZSCORE', KEYS[1], member) then return 0 end -- already out of the window
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREM', KEYS[1], member)
redis.call('ZADD', KEYS[1], now, ARGV[1] .. ':' .. ARGV[3])
redis.call('HINCRBY', KEYS[2], 'tokens', tonumber(ARGV[3]) - tonumber(ARGV[2]))
return 1
