/**
 * Explorer read and projection benchmark (figures for the service README, not test assertions).
 *
 *   pnpm build && pnpm --filter @saga/explorer-service bench
 *

 * Runs the built service code (dist: Nest needs the decorator metadata tsc emits).
 * Seeds a fresh database (dropped afterwards) with SAGAS sagas of 7 timeline entries each, then measures
 * on the real HTTP API (JWT, validation, JSON) in this process: the newest page of the list, filtered pages,
 * and one timeline; and the projection's cost per event (inbox record + timeline append, one transaction each,
 * as the consumer wrapper runs it). Env: POSTGRES_ADMIN_URL, KAFKA_BROKERS, SAGAS (default 100000).
 */
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { createEvent, OrderPlaced, PaymentFailed, StockReserved } from '@saga/contracts';
import { PgSqlClient, SqlUnitOfWork, type SqlExecutor } from '@saga/outbox';
import { createLogger, createServiceApp, signDevToken } from '@saga/service-kit';
import { createTestDatabase } from '@saga/test-harness';
import { AppModule } from '../dist/app.module';
import { ProjectEventUseCase } from '../dist/application/project-event/project-event.use-case';
import { SqlProjectionUnitOfWork } from '../dist/infrastructure/persistence/sql-projection-unit-of-work';

const SAGAS = Number(process.env.SAGAS ?? 100_000);
const ADMIN_URL = process.env.POSTGRES_ADMIN_URL ?? 'postgresql://saga:saga@127.0.0.1:5433/postgres';
const BROKERS = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const SECRET = 'explorer-bench-secret-0123456789';
const ROUNDS = 40;

const SEED = `
INSERT INTO saga (order_id, user_id, state, failure_reason, trace_id, started_at, deadline_at, ended_at,
                  last_event_at, event_count)
SELECT 'order-' || lpad(i::text, 7, '0'), 'user-' || (i % 5000),
       CASE WHEN i % 10 = 0 THEN 'CANCELLED' WHEN i % 97 = 0 THEN 'IN_FLIGHT' ELSE 'COMPLETED' END,
       CASE WHEN i % 10 = 0 THEN (ARRAY['OUT_OF_STOCK', 'INSUFFICIENT_BALANCE', 'TIMEOUT'])[1 + (i / 10) % 3] END,
       md5(i::text), now() - ($1 - i) * interval '200 ms', now() - ($1 - i) * interval '200 ms' + interval '30 s',
       CASE WHEN i % 97 = 0 THEN NULL ELSE now() - ($1 - i) * interval '200 ms' + interval '60 ms' END,
       now() - ($1 - i) * interval '200 ms' + interval '60 ms', 7
FROM generate_series(1, $1::int) AS i`;

const SEED_EVENTS = `
INSERT INTO saga_event (order_id, kind, event_id, event_type, topic, partition, "offset", service, occurred_at,
                        causation_id, failure_reason, compensation, trace_id)
SELECT s.order_id, 'EVENT', md5(s.order_id || k), (ARRAY['OrderPlaced', 'StockReserved', 'CouponApplied',
       'OrderProcessingSucceeded', 'PaymentRequested', 'PaymentSucceeded', 'OrderCompleted'])[k],
       'order.processing', 0, k::text, 'order', s.started_at + k * interval '10 ms', NULL, NULL, false, s.trace_id
FROM saga s, generate_series(1, 7) AS k`;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function timed(label: string, run: () => Promise<unknown>): Promise<string> {
  for (let i = 0; i < 5; i++) await run();
  const samples: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const start = process.hrtime.bigint();
    await run();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  samples.sort((a, b) => a - b);
  return `| ${label} | ${percentile(samples, 50).toFixed(1)} | ${percentile(samples, 95).toFixed(1)} | ${samples.at(-1)!.toFixed(1)} |`;
}

async function main(): Promise<void> {
  const database = await createTestDatabase(join(__dirname, '..', 'prisma', 'migrations'), ADMIN_URL);
  const sql = new PgSqlClient({ connectionString: database.url, max: 4, applicationName: 'explorer-bench' });
  const app = await createServiceApp({
    module: AppModule.forRoot(
      {
        service: `explorer-bench-${randomUUID().slice(0, 8)}`,
        databaseUrl: database.url,
        databasePoolSize: 4,
        kafkaBrokers: BROKERS,
        jwtSecret: SECRET,
        logLevel: 'silent',
        retry: { maxAttempts: 1, initialDelayMs: 1, maxDelayMs: 1 },
        partitionsConsumedConcurrently: 1,
        commitIntervalMs: 200,
        consumersEnabled: false,
        outbox: { notify: false, pollIntervalMs: 60_000, batchSize: 1, lingerMs: 0, retentionHours: 1 },
      },
      { sagaTimeoutMs: 30_000, jaegerUiUrl: 'http://127.0.0.1:16686' },
    ),
    service: 'explorer',
    logger: createLogger({ service: 'explorer', level: 'silent' }),
  });
  try {
    const seedStart = Date.now();
    await sql.execute(SEED, SAGAS);
    await sql.execute(SEED_EVENTS);
    await sql.execute('ANALYZE');
    const seededIn = Date.now() - seedStart;
    const events = await sql.query<Array<{ n: bigint }>>('SELECT count(*) AS n FROM saga_event');

    await app.listen(0, '127.0.0.1');
    const url = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
    const admin = { authorization: `Bearer ${signDevToken({ sub: 'bench', role: 'admin', secret: SECRET })}` };
    const customer = { authorization: `Bearer ${signDevToken({ sub: 'user-42', role: 'customer', secret: SECRET })}` };
    const get =
      (path: string, headers = admin) =>
      async () => {
        const response = await fetch(`${url}${path}`, { headers });
        if (!response.ok) throw new Error(`${path}: ${response.status}`);
        return response.json();
      };
    const middle = `order-${String(Math.floor(SAGAS / 2)).padStart(7, '0')}`;
    const page = (await get('/sagas?limit=50')()) as { nextCursor: string };
    const rows = [
      await timed('GET /sagas?limit=50 (newest page)', get('/sagas?limit=50')),
      await timed('GET /sagas?limit=50&cursor=… (second page)', get(`/sagas?limit=50&cursor=${page.nextCursor}`)),
      await timed(
        'GET /sagas?state=CANCELLED&failureReason=TIMEOUT',
        get('/sagas?state=CANCELLED&failureReason=TIMEOUT'),
      ),
      await timed('GET /sagas?state=IN_FLIGHT (1 % of sagas)', get('/sagas?state=IN_FLIGHT')),
      await timed('GET /sagas (customer: own orders only)', get('/sagas', customer)),
      await timed(`GET /sagas/:orderId (7-entry timeline)`, get(`/sagas/${middle}`)),
    ];

    const projected = await projectionCost(sql);
    console.log(`stored: ${SAGAS} sagas, ${events[0]!.n} timeline entries (seeded in ${seededIn} ms)`);
    console.log('| request (in-process HTTP, 40 rounds after 5 warm-up) | p50 ms | p95 ms | max ms |');
    console.log('|---|---|---|---|');
    for (const row of rows) console.log(row);
    console.log(projected);
  } finally {
    await app.close();
    await sql.$disconnect();
    await database.drop();
  }
}

/** Inbox record + timeline append in one transaction per event, as the consumer wrapper does it. */
async function projectionCost(sql: PgSqlClient): Promise<string> {
  const uow = new SqlUnitOfWork<SqlExecutor>(sql as never, { service: 'explorer-bench' });
  const project = new ProjectEventUseCase(new SqlProjectionUnitOfWork(uow), 30_000);
  const sagas = 300;
  const cpuStart = process.cpuUsage();
  const start = process.hrtime.bigint();
  let count = 0;
  for (let i = 0; i < sagas; i++) {
    const orderId = `bench-${randomUUID()}`;
    const placed = createEvent(OrderPlaced, {
      orderId,
      causationId: null,
      payload: { userId: 'u', items: [{ productId: 'p', quantity: 1, unitPrice: 1 }], couponId: null, subtotal: 1 },
    });
    const stock = createEvent(StockReserved, {
      orderId,
      causationId: placed.eventId,
      payload: { items: [{ productId: 'p', quantity: 1 }] },
    });
    const failed = createEvent(PaymentFailed, {
      orderId,
      causationId: stock.eventId,
      payload: { userId: 'u', amount: 1, reason: 'INSUFFICIENT_BALANCE' },
    });
    for (const event of [placed, stock, failed]) {
      await uow.run(async (tx) => {
        await tx.execute(
          `INSERT INTO processed_message (consumer_group, event_id) VALUES ($1, $2::uuid) ON CONFLICT DO NOTHING`,
          'explorer.bench',
          event.eventId,
        );
        await project.execute({
          orderId,
          eventId: event.eventId,
          eventType: event.type,
          topic: 'order.processing',
          partition: 0,
          offset: String(count),
          occurredAt: new Date(event.occurredAt),
          causationId: event.causationId,
          payload: event.payload,
          traceId: null,
        });
      });
      count++;
    }
  }
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  const cpu = process.cpuUsage(cpuStart);
  return (
    `projection: ${count} events sequentially, ${(wallMs / count).toFixed(2)} ms wall per event, ` +
    `${((cpu.user + cpu.system) / 1000 / count).toFixed(2)} ms explorer-process CPU per event (PostgreSQL not included)`
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
