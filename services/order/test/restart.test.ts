import { Topics } from '@saga/contracts';
import { DEV_JWT_SECRET, signDevToken } from '@saga/service-kit';
import {
  createTestDatabase,
  createTopics,
  currentEndpoints,
  freePort,
  spawnService,
  SpawnedService,
  TestDatabase,
  uniqueId,
  waitFor,
} from '@saga/test-harness';
import { Client } from 'pg';
import { MIGRATIONS } from './support';

jest.setTimeout(240_000);

const auth = `Bearer ${signDevToken({ sub: 'alice', role: 'customer', secret: DEV_JWT_SECRET })}`;

/**
 * Issue 12, item 2: after a SIGKILL, a restarted order service accepts checkouts without waiting for its
 * consumer groups (which first wait out the dead member's Kafka session). Prints the measured times; the
 * only assertions are that checkouts are accepted before the service reports ready (consumers joined)
 * and that it becomes ready.
 */
describe('order service restart after SIGKILL (real process)', () => {
  let db: TestDatabase;
  const services: SpawnedService[] = [];

  afterAll(async () => {
    await Promise.all(services.map((service) => service.stop(10_000)));
    await db?.drop();
  });

  // Polls /health/ready every 50 ms on the shared broker (thousands of topics): the case that once kept the
  // `kafka` check timing out for good (see KafkaProbe and patches/kafkajs).
  it('serves checkouts before its consumer groups rejoined', async () => {
    db = await createTestDatabase(MIGRATIONS);
    const sql = new Client({ connectionString: db.url });
    await sql.connect();
    await sql.query(
      `INSERT INTO product_price (product_id, name, price, updated_at) VALUES ('apple', 'apple', 100, now())`,
    );
    await sql.end();
    const prefix = `${uniqueId('rst').toLowerCase()}.`;
    await createTopics(Object.values(Topics).flatMap((t) => [prefix + t, `${prefix}${t}.dlq`]));
    const redis = new URL(currentEndpoints().redisUrl);
    redis.pathname = '/12';
    const port = await freePort();
    const env = {
      PORT: String(port),
      DATABASE_URL: db.url,
      DATABASE_POOL_SIZE: '4',
      KAFKA_TOPIC_PREFIX: prefix,
      REDIS_URL: redis.toString(),
      TRACING_ENABLED: 'false',
      SAGA_TIMEOUT_MS: '600000',
    };
    const first = await spawnService('order', env);
    await first.kill();

    const url = `http://127.0.0.1:${port}`;
    let acceptedAt = 0;
    let readyAt = 0;
    const poll = setInterval(() => {
      if (!acceptedAt) {
        void fetch(`${url}/orders`, {
          method: 'POST',
          headers: { authorization: auth, 'content-type': 'application/json', 'idempotency-key': uniqueId('k') },
          body: JSON.stringify({ items: [{ productId: 'apple', quantity: 1 }] }),
          signal: AbortSignal.timeout(5_000),
        }).then(
          (response) => {
            if (response.status === 202 && !acceptedAt) acceptedAt = Date.now();
          },
          () => undefined,
        );
      }
      if (!readyAt) {
        void fetch(`${url}/health/ready`, { signal: AbortSignal.timeout(5_000) }).then(
          (response) => {
            if (response.status === 200 && !readyAt) readyAt = Date.now();
          },
          () => undefined,
        );
      }
    }, 50);
    const startedAt = Date.now();
    try {
      services.push(await spawnService('order', env));
      readyAt ||= Date.now();
      await waitFor(() => acceptedAt > 0, { description: 'a checkout accepted' });
    } finally {
      clearInterval(poll);
    }
    console.log(
      `order restart after SIGKILL: first accepted checkout ${acceptedAt - startedAt} ms, ready (consumers joined) ${readyAt - startedAt} ms after the start command`,
    );
    expect(acceptedAt).toBeLessThanOrEqual(readyAt);
  });
});
