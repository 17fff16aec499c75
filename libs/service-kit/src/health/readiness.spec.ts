import { kafkaReadiness, redisReadiness, runReadinessChecks } from './readiness';

describe('runReadinessChecks', () => {
  it('is ok when every check passes', async () => {
    const report = await runReadinessChecks([
      redisReadiness({ ping: async () => 'PONG' }),
      kafkaReadiness(async () => []),
    ]);
    expect(report).toEqual({ status: 'ok', checks: { redis: { status: 'up' }, kafka: { status: 'up' } } });
  });

  it('reports each failing or hanging check', async () => {
    const report = await runReadinessChecks(
      [
        { name: 'postgres', check: async () => Promise.reject(new Error('ECONNREFUSED')) },
        { name: 'kafka', check: () => new Promise<void>(() => undefined) },
        redisReadiness({ ping: async () => 'PONG' }),
      ],
      50,
    );
    expect(report.status).toBe('unavailable');
    expect(report.checks).toEqual({
      postgres: { status: 'down', error: 'ECONNREFUSED' },
      kafka: { status: 'down', error: 'timed out after 50ms' },
      redis: { status: 'up' },
    });
  });
});
