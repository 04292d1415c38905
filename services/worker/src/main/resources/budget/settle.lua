-- Replaces a reservation's estimated tokens with the tokens the call used, keeping its place in the window.
-- KEYS: the key's log, its state. ARGV: reservation id, estimated tokens, used tokens.
local member = ARGV[1] .. ':' .. ARGV[2]
local at = redis.call('ZSCORE', KEYS[1], member)
if not at then return 0 end -- already out of the window: nothing left to correct
redis.call('ZREM', KEYS[1], member)
redis.call('ZADD', KEYS[1], at, ARGV[1] .. ':' .. ARGV[3])
redis.call('HINCRBY', KEYS[2], 'tokens', tonumber(ARGV[3]) - tonumber(ARGV[2]))
return 1
