-- Gives back a reservation whose call failed. KEYS: the key's log, its state. ARGV: reservation id, tokens.
if redis.call('ZREM', KEYS[1], ARGV[1] .. ':' .. ARGV[2]) == 1 then
  redis.call('HINCRBY', KEYS[2], 'tokens', -tonumber(ARGV[2]))
  return 1
end
return 0
