/**
 * Lua scripts run atomically by Redis. KEYS[1] = remaining units, KEYS[2] = set of users who hold or
 * requested, KEYS[3] = hash user -> status. The remaining-units key is the "cache present" marker:
 * every script except rebuild does nothing while it is missing (flush, restart), and reserve answers
 * 'missing' so the service rebuilds from the database before admitting anyone.
 */
export const RESERVE = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 'missing' end
if redis.call('SISMEMBER', KEYS[2], ARGV[1]) == 1 then return 'already_requested' end
if tonumber(redis.call('GET', KEYS[1])) <= 0 then return 'sold_out' end
redis.call('DECR', KEYS[1])
redis.call('SADD', KEYS[2], ARGV[1])
redis.call('HSET', KEYS[3], ARGV[1], 'PENDING')
return 'reserved'
`;

/** ARGV[1] = remaining, ARGV[2] = JSON [users], ARGV[3] = JSON {user: status}. First writer wins. */
export const REBUILD = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('DEL', KEYS[2], KEYS[3])
local users = cjson.decode(ARGV[2])
for i = 1, #users, 5000 do
  redis.call('SADD', KEYS[2], unpack(users, i, math.min(i + 4999, #users)))
end
for user, status in pairs(cjson.decode(ARGV[3])) do redis.call('HSET', KEYS[3], user, status) end
redis.call('SET', KEYS[1], ARGV[1])
return 1
`;

/** ARGV[1] = user, ARGV[2] = 'FAILED' or 'forget'. */
export const RELEASE = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('INCR', KEYS[1])
redis.call('SREM', KEYS[2], ARGV[1])
if ARGV[2] == 'forget' then redis.call('HDEL', KEYS[3], ARGV[1]) else redis.call('HSET', KEYS[3], ARGV[1], ARGV[2]) end
return 1
`;

export const RETURN_UNIT = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('INCR', KEYS[1])
return 1
`;

/** ARGV[1] = user. */
export const RECLAIM = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('DECR', KEYS[1])
redis.call('SADD', KEYS[2], ARGV[1])
redis.call('HSET', KEYS[3], ARGV[1], 'ISSUED')
return 1
`;

/** ARGV[1] = user, ARGV[2] = status. */
export const SET_STATUS = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HSET', KEYS[3], ARGV[1], ARGV[2])
return 1
`;
