import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from 'pino';

/**
 * An ioredis client whose connection errors go to the JSON log. Without an 'error' listener ioredis
 * prints `[ioredis] Unhandled error event` to stderr on every reconnect attempt while Redis is down.
 * ioredis reconnects by itself (capped at `maxReconnectDelayMs`); commands issued meanwhile fail after
 * `maxRetriesPerRequest` attempts, which callers treat as an outage. One warning per outage and one
 * info line on recovery, not one line per attempt.
 */
export function createRedisClient(
  url: string,
  logger: Logger,
  options: RedisOptions & { maxReconnectDelayMs?: number } = {},
): Redis {
  const { maxReconnectDelayMs = 2000, ...redisOptions } = options;
  const log = logger.child({ component: 'redis' });
  const redis = new Redis(url, {
    retryStrategy: (attempt) => Math.min(100 * 2 ** attempt, maxReconnectDelayMs),
    ...redisOptions,
  });
  let failing = false;
  redis.on('error', (error: Error) => {
    if (failing) return log.debug({ err: error }, 'redis connection still failing');
    failing = true;
    log.warn({ err: error }, 'redis connection failed; reconnecting');
  });
  redis.on('ready', () => {
    if (failing) log.info('redis connection restored');
    failing = false;
  });
  return redis;
}
