import pino from 'pino';
import { createRedisClient } from './create-redis-client';

describe('createRedisClient', () => {
  it('logs a refused connection once through pino and never as an unhandled error event', async () => {
    const lines: { level: number; msg: string }[] = [];
    const logger = pino({ level: 'debug' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
    const stderr = jest.spyOn(console, 'error');
    // port 1: nothing listens, every attempt is refused
    const redis = createRedisClient('redis://127.0.0.1:1', logger, { lazyConnect: true, maxReconnectDelayMs: 20 });
    await redis.connect().catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 200));
    redis.disconnect();
    const warnings = lines.filter((line) => line.level === 40);
    expect(warnings).toEqual([expect.objectContaining({ msg: 'redis connection failed; reconnecting' })]);
    expect(lines.filter((line) => line.level === 20).length).toBeGreaterThan(0);
    expect(stderr).not.toHaveBeenCalled();
  });
});
