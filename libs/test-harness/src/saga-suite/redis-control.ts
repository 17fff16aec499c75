import Redis from 'ioredis';

/** Empties the one Redis logical database at `url` (the suite's own), as a Redis restart without persistence would. */
export async function flushRedisDatabase(url: string): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 2 });
  try {
    await redis.connect();
    await redis.flushdb();
  } finally {
    redis.disconnect();
  }
}
