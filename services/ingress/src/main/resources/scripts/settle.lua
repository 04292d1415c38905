-- Settles a finished job: frees its in-flight slot and replaces its estimated tokens by the real count.
-- The count is the job's only one: the tenant's window and its key's both read it (see admit.lua).
-- KEYS[1] tenant token counts (hash), KEYS[2] tenant in-flight jobs (zset); ARGV[1] job id, ARGV[2] real tokens ('' if none)
redis.call('ZREM', KEYS[2], ARGV[1])
if ARGV[2] ~= '' and redis.call('HEXISTS', KEYS[1], ARGV[1]) == 1 then
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
end
return 1
