-- Settles a finished job: frees its in-flight slot and replaces its estimated tokens by the real count.
-- The count is the job's only one: the tenant's window and its key's both read it (see admit.lua), and the
-- running sums of both move by the difference.
-- KEYS[1] tenant token counts (hash), KEYS[2] tenant in-flight jobs (zset), KEYS[3] token sums (hash),
-- KEYS[4] the key of each job (hash); ARGV[1] job id, ARGV[2] real tokens ('' if none)
redis.call('ZREM', KEYS[2], ARGV[1])
if ARGV[2] == '' then return 1 end
local before = tonumber(redis.call('HGET', KEYS[1], ARGV[1]))
if not before then return 1 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
local change = tonumber(ARGV[2]) - before
local function add_to_sum(field)
  if field and change ~= 0 and redis.call('HEXISTS', KEYS[3], field) == 1 then
    redis.call('HINCRBY', KEYS[3], field, change)
  end
end
add_to_sum('tenant')
add_to_sum(redis.call('HGET', KEYS[4], ARGV[1]))
return 1
