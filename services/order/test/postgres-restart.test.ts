import { Client } from 'pg';
import { Topics } from '@saga/contracts';
import { DEV_JWT_SECRET, signDevToken } from '@saga/service-kit';
import {
  createTestDatabase,
  createTopics,
  currentEndpoints,
  PrivatePostgres,
  spawnService,
  SpawnedService,
  startPrivatePostgres,
  uniqueId,
  waitFor,
} from '@saga/test-harness';
import { MIGRATIONS } from './support';

jest.setTimeout(240_000);

const auth = `Bearer ${signDevToken({ sub: 'alice', role: 'customer', secret: DEV_JWT_SECRET })}`;

/**
 * Issue 12, item 1: a PostgreSQL crash-restart (`pg_ctl stop -m immediate`) while checkouts hold open
 * transactions must not end the order process; it waits the outage out and serves again. Runs the built
 * service (`pnpm build`) against a private PostgreSQL server of its own, never the shared one.
 */
describe('order service survives a PostgreSQL crash-restart (real process, private PostgreSQL)', () => {
  let pg: PrivatePostgres;
  let order: SpawnedService | undefined;

  beforeAll(async () => {
    pg = await startPrivatePostgres();
  });

  afterAll(async () => {
    await order?.stop(10_000);
    await pg?.destroy();
  });

  it('keeps running through the outage, reports not ready, and accepts checkouts again once PostgreSQL is back', async () => {
    const db = await createTestDatabase(MIGRATIONS, pg.adminUrl);
    const sql = new Client({ connectionString: db.url });
    await sql.connect();
    await sql.query(
      `INSERT INTO product_price (product_id, name, price, updated_at) VALUES ('apple', 'apple', 100, now())`,
    );
    await sql.end();
    const prefix = `${uniqueId('pgr').toLowerCase()}.`;
    await createTopics(Object.values(Topics).flatMap((t) => [prefix + t, `${prefix}${t}.dlq`]));
    const redis = new URL(currentEndpoints().redisUrl);
    redis.pathname = '/12';
    order = await spawnService('order', {
      DATABASE_URL: db.url,
      DATABASE_POOL_SIZE: '4',
      KAFKA_TOPIC_PREFIX: prefix,
      REDIS_URL: redis.toString(),
      TRACING_ENABLED: 'false',
      SAGA_TIMEOUT_MS: '600000',
    });
    const service = order;

    const outcomes: { at: number; status: number }[] = [];
    const checkout = async () => {
      const status = await fetch(`${service.url}/orders`, {
        method: 'POST',
        headers: { authorization: auth, 'content-type': 'application/json', 'idempotency-key': uniqueId('k') },
        body: JSON.stringify({ items: [{ productId: 'apple', quantity: 1 }] }),
        signal: AbortSignal.timeout(10_000),
      }).then(
        (response) => response.status,
        () => 0,
      );
      outcomes.push({ at: Date.now(), status });
    };
    // open-loop load: a checkout every 50 ms, whatever the previous one is doing
    const load = setInterval(() => void checkout(), 50);
    try {
      await waitFor(() => outcomes.some((o) => o.status === 202), {
        description: `first checkout (statuses so far: ${[...new Set(outcomes.map((o) => o.status))].join(', ')})`,
      });

      await pg.stopImmediately();
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      const ready = await fetch(`${service.url}/health/ready`).then((r) => r.status);
      await pg.start();
      const upAt = Date.now();

      await waitFor(() => outcomes.some((o) => o.at > upAt && o.status === 202), {
        description: 'a checkout accepted after the restart',
        timeoutMs: 60_000,
      });
      const firstAccepted = outcomes.find((o) => o.at > upAt && o.status === 202)!.at - upAt;
      await waitFor(async () => (await fetch(`${service.url}/health/ready`)).status === 200, {
        description: 'ready again',
        timeoutMs: 60_000,
      });
      const readyAgain = Date.now() - upAt;
      console.log(
        `PostgreSQL restart: first accepted checkout ${firstAccepted} ms and ready ${readyAgain} ms after it accepted connections`,
      );

      expect(ready).toBe(503);
      expect(service.logs()).not.toMatch(/Unhandled 'error' event|Unhandled error event/);
      await expect(Promise.race([service.exited, new Promise((r) => setTimeout(() => r('alive'), 500))])).resolves.toBe(
        'alive',
      );
    } finally {
      clearInterval(load);
    }
  });
});
