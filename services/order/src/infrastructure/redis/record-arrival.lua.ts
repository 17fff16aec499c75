/**
 * KEYS[1] aggregation state hash of one order
 * ARGV[1] arriving branch, ARGV[2] ttl seconds, ARGV[3] required branches (comma separated),
 * ARGV[4..] branches the durable order row already records.
 * Returns { complete (0|1), rebuilt (0|1) }.
 *
 * A missing key (first arrival, Redis FLUSHALL/restart, expiry) is rebuilt from the durable flags
 * passed in, and they are merged on every call, so Redis never knows less than the database.
 */
export const RECORD_ARRIVAL_LUA = `
local existed = redis.call('EXISTS', KEYS[1])
redis.call('HSET', KEYS[1], 'required', ARGV[3])
for i = 4, #ARGV do
  redis.call('HSET', KEYS[1], ARGV[i], '1')
end
redis.call('HSET', KEYS[1], ARGV[1], '1')
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[2]))
local complete = 1
for branch in string.gmatch(ARGV[3], '[^,]+') do
  if redis.call('HEXISTS', KEYS[1], branch) == 0 then
    complete = 0
  end
end
if existed == 0 then
  return { complete, 1 }
end
return { complete, 0 }
`;
