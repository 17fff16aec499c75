import { join } from 'node:path';
import { createTestDatabase, spawnService, type TestDatabase } from '@saga/test-harness';

// Any built service works; product is the one with the fewest moving parts at boot.
const SERVICE = 'product';
const migrations = join(__dirname, '..', '..', '..', 'services', SERVICE, 'prisma', 'migrations');

describe('spawnService', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(migrations);
  });
  afterAll(() => database.drop());

  it('waits for readiness, captures logs and stops gracefully on SIGTERM', async () => {
    const service = await spawnService(SERVICE, { DATABASE_URL: database.url, TRACING_ENABLED: 'false' });

    expect((await fetch(`${service.url}/health/ready`)).status).toBe(200);
    const exit = await service.stop();

    expect(exit.forced).toBe(false);
    expect(exit.code === 0 || exit.signal === 'SIGTERM').toBe(true);
    expect(service.logs()).toContain('"level"');
  });

  it('kills with SIGKILL, as a crash', async () => {
    const service = await spawnService(SERVICE, { DATABASE_URL: database.url, TRACING_ENABLED: 'false' });

    expect(await service.kill()).toEqual({ code: null, signal: 'SIGKILL' });
    await expect(fetch(`${service.url}/health/live`)).rejects.toThrow();
  });

  it('reports a service that dies before it is ready, with its log', async () => {
    await expect(
      spawnService(SERVICE, { DATABASE_URL: database.url, LOG_LEVEL: 'not-a-level' }, { readyTimeoutMs: 20_000 }),
    ).rejects.toThrow(/product: exited \(code 1/);
  });
});
