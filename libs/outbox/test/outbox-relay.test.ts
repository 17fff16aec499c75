import { SpanKind, trace } from '@opentelemetry/api';
import { Topics } from '@saga/contracts';
import { createTopics, readAll, testKafka, uniqueId, waitFor } from '@saga/test-harness';
import type { Producer } from 'kafkajs';
import { OutboxCleaner, OutboxRelay, SqlUnitOfWork } from '../src';
import { newOrderId, orderPlaced } from './support/events';
import { createOutboxTestDatabase, OutboxTestDatabase } from './support/test-database';
import { createTestPrisma, TestPrisma } from './support/test-prisma';
import { installTestTracing } from './support/test-tracing';
import { testLogger } from './support/test-logger';

jest.setTimeout(90_000);

const spans = installTestTracing();

describe('outbox: SqlUnitOfWork + OutboxRelay against PostgreSQL and Kafka', () => {
  const service = 'outboxtest';
  let db: OutboxTestDatabase;
  let prisma: TestPrisma;
  let prefix: string;
  let topic: string;
  const relays: OutboxRelay[] = [];

  beforeEach(async () => {
    db = await createOutboxTestDatabase();
    prisma = createTestPrisma(db.url);
    prefix = `${uniqueId('ob')}.`;
    topic = `${prefix}${Topics.OrderProcessing}`;
    await createTopics([topic]);
    spans.reset();
  });

  afterEach(async () => {
    await Promise.all(relays.splice(0).map((relay) => relay.stop()));
    await prisma.$disconnect();
    await db.drop();
  });

  function startRelay(overrides: Partial<ConstructorParameters<typeof OutboxRelay>[0]> = {}): OutboxRelay {
    const relay = new OutboxRelay({
      service,
      databaseUrl: db.url,
      producer: testKafka(),
      logger: testLogger,
      pollIntervalMs: 200,
      lockRetryMs: 200,
      backoff: { initialMs: 50, maxMs: 400 },
      metrics: false,
      ...overrides,
    });
    relays.push(relay);
    return relay;
  }

  function unitOfWork(onCommitted?: () => void) {
    return new SqlUnitOfWork(prisma, { service, topicPrefix: prefix, onCommitted });
  }

  async function publishedEventIds(): Promise<string[]> {
    return (await readAll(topic)).map((m) => m.headers['x-event-id']);
  }

  async function waitUntilDrained(relay: OutboxRelay): Promise<void> {
    await waitFor(async () => (await relay.stats()).unpublished === 0, { description: 'outbox drained' });
  }

  it('publishes a committed transaction exactly once and never a rolled-back one', async () => {
    const relay = startRelay();
    await relay.start();
    const uow = unitOfWork(() => relay.wake());
    const orderId = newOrderId();
    const rolledBack = orderPlaced(orderId, 1);
    await expect(
      uow.run(async (tx, outbox) => {
        await outbox.append(rolledBack);
        await tx.effect.create({ data: { orderId, eventId: rolledBack.eventId, seq: 1 } });
        throw new Error('business rule failed');
      }),
    ).rejects.toThrow('business rule failed');

    const committed = [orderPlaced(orderId, 2), orderPlaced(orderId, 3)];
    await uow.run(async (tx, outbox) => {
      await tx.effect.create({ data: { orderId, eventId: committed[0].eventId, seq: 2 } });
      await outbox.append(...committed);
    });
    await waitUntilDrained(relay);

    const published = await publishedEventIds();
    expect(published).toEqual(committed.map((e) => e.eventId));
    expect(await db.query('SELECT 1 FROM outbox_message WHERE event_id = $1', [rolledBack.eventId])).toHaveLength(0);
    expect(await db.query('SELECT seq FROM effect')).toEqual([{ seq: 2 }]);
  });

  it('joins the ambient transaction: an inner run() rolls back with the outer one', async () => {
    const uow = unitOfWork();
    const orderId = newOrderId();
    await expect(
      uow.run(async (outerTx) => {
        await uow.run(async (innerTx, outbox) => {
          expect(innerTx).toBe(outerTx);
          await outbox.append(orderPlaced(orderId, 1));
        });
        throw new Error('outer fails after inner appended');
      }),
    ).rejects.toThrow('outer fails');
    expect(await db.query('SELECT id FROM outbox_message')).toHaveLength(0);
  });

  it('wakes the in-process relay after commit only, once per transaction', async () => {
    const commits: number[] = [];
    const uow = unitOfWork(() => commits.push(Date.now()));
    await uow.run(async (_tx, outbox) => {
      await outbox.append(orderPlaced(newOrderId(), 1));
      await outbox.append(orderPlaced(newOrderId(), 1));
    });
    await uow.run(async () => undefined);
    await uow
      .run(async (_tx, outbox) => {
        await outbox.append(orderPlaced(newOrderId(), 1));
        throw new Error('rollback');
      })
      .catch(() => undefined);
    expect(commits).toHaveLength(1);
  });

  it('is woken by NOTIFY from another process, with polling effectively off', async () => {
    const relay = startRelay({ pollIntervalMs: 60_000 });
    await relay.start();
    await waitFor(() => relay.isLeader, { description: 'leader' });
    // no onCommitted: only the NOTIFY issued inside the transaction can wake the relay
    const event = orderPlaced(newOrderId(), 1);
    await unitOfWork().run((_tx, outbox) => outbox.append(event));
    await waitUntilDrained(relay);
    expect(await publishedEventIds()).toEqual([event.eventId]);
  });

  it('publishes rows with trace context, a PRODUCER span per message and event headers', async () => {
    const relay = startRelay();
    await relay.start();
    const uow = unitOfWork(() => relay.wake());
    const event = orderPlaced(newOrderId(), 1);
    await trace.getTracer('test').startActiveSpan('request', async (span) => {
      await uow.run((_tx, outbox) => outbox.append(event));
      span.end();
    });
    await waitUntilDrained(relay);

    const [message] = await readAll(topic);
    expect(message.key).toBe(event.orderId);
    expect(JSON.parse(message.value!)).toEqual(event);
    expect(message.headers['x-event-type']).toBe('OrderPlaced');
    const publish = await waitFor(() => spans.getFinishedSpans().find((s) => s.name === `${topic} publish`));
    expect(publish.kind).toBe(SpanKind.PRODUCER);
    expect(publish.attributes['messaging.system']).toBe('kafka');
    expect(publish.attributes['messaging.message.id']).toBe(event.eventId);
    expect(publish.attributes['order.id']).toBe(event.orderId);
    const request = spans.getFinishedSpans().find((s) => s.name === 'request')!;
    expect(publish.spanContext().traceId).toBe(request.spanContext().traceId);
    expect(publish.parentSpanContext?.spanId).toBe(request.spanContext().spanId);
    expect(message.headers.traceparent).toContain(publish.spanContext().spanId);
  });

  it('keeps one publisher: a standby takes over when the leader stops, and nothing is lost', async () => {
    const first = startRelay();
    const second = startRelay();
    await first.start();
    await waitFor(() => first.isLeader, { description: 'first relay leads' });
    await second.start();
    const uow = unitOfWork(() => {
      first.wake();
      second.wake();
    });
    const orderId = newOrderId();
    const before = orderPlaced(orderId, 1);
    await uow.run((_tx, outbox) => outbox.append(before));
    await waitUntilDrained(first);
    expect(second.isLeader).toBe(false);

    await first.stop();
    const after = orderPlaced(orderId, 2);
    await uow.run((_tx, outbox) => outbox.append(after));
    await waitFor(() => second.isLeader, { description: 'second relay takes over' });
    await waitUntilDrained(second);
    expect(await publishedEventIds()).toEqual([before.eventId, after.eventId]);
  });

  it("recovers when the leader's DB session dies: the lock moves or is re-taken, nothing is lost", async () => {
    const first = startRelay();
    const second = startRelay();
    await first.start();
    await waitFor(() => first.isLeader, { description: 'first relay leads' });
    await second.start();
    const uow = unitOfWork(() => [first, second].forEach((relay) => relay.wake()));
    const orderId = newOrderId();
    const events = [1, 2, 3, 4].map((seq) => orderPlaced(orderId, seq));
    await uow.run((_tx, outbox) => outbox.append(events[0], events[1]));
    await waitUntilDrained(first);

    // what a crashed leader looks like to PostgreSQL: its session is gone, and with it the advisory lock
    const killed = await db.query<{ killed: boolean }>(
      `SELECT pg_terminate_backend(a.pid) AS killed FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
        WHERE l.locktype = 'advisory' AND a.application_name = $1`,
      [`outbox-relay:${service}`],
    );
    expect(killed).toEqual([{ killed: true }]);
    await uow.run((_tx, outbox) => outbox.append(events[2], events[3]));
    await waitFor(() => first.isLeader || second.isLeader, { description: 'a leader again' });
    await waitUntilDrained(first);
    expect([first.isLeader, second.isLeader].filter(Boolean)).toHaveLength(1);
    expect(await publishedEventIds()).toEqual(events.map((e) => e.eventId));
  });

  it('backs off while the broker refuses and then publishes everything in order, skipping nothing', async () => {
    const producer = testKafka().producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    let refusals = 0;
    const flaky = new Proxy(producer, {
      get(target, property, receiver) {
        if (property === 'sendBatch') {
          return async (...args: Parameters<Producer['sendBatch']>) => {
            if (refusals < 3) {
              refusals++;
              throw new Error('broker unavailable (simulated)');
            }
            return target.sendBatch(...args);
          };
        }
        return Reflect.get(target, property, receiver);
      },
    });
    const relay = startRelay({ producer: flaky, batchSize: 2 });
    const uow = unitOfWork(() => relay.wake());
    const orderId = newOrderId();
    const events = [1, 2, 3, 4, 5].map((seq) => orderPlaced(orderId, seq));
    for (const event of events) await uow.run((_tx, outbox) => outbox.append(event));
    await relay.start();
    await waitUntilDrained(relay);
    expect(refusals).toBe(3);
    expect(await publishedEventIds()).toEqual(events.map((e) => e.eventId));
    await producer.disconnect();
  });

  it('resumes after a crash: rows committed while no relay ran are published on restart', async () => {
    const uow = unitOfWork();
    const orderId = newOrderId();
    const events = [1, 2, 3].map((seq) => orderPlaced(orderId, seq));
    for (const event of events) await uow.run((_tx, outbox) => outbox.append(event));
    const idle = startRelay();
    const stats = await idle.stats();
    expect(stats.unpublished).toBe(3);
    expect(stats.oldestUnpublishedAgeMs).toBeGreaterThanOrEqual(0);

    await idle.start();
    await waitUntilDrained(idle);
    expect(await publishedEventIds()).toEqual(events.map((e) => e.eventId));
    expect(await idle.stats()).toEqual({ unpublished: 0, oldestUnpublishedAgeMs: 0 });
  });

  it('cleaner deletes only published rows and inbox records older than retention, in batches', async () => {
    const uow = unitOfWork();
    for (let i = 0; i < 7; i++) await uow.run((_tx, outbox) => outbox.append(orderPlaced(newOrderId(), 1)));
    await db.query(
      `UPDATE outbox_message SET published_at = now() - interval '3 hours' WHERE id IN (SELECT id FROM outbox_message ORDER BY id LIMIT 5)`,
    );
    await db.query(`UPDATE outbox_message SET published_at = now() WHERE id = (SELECT max(id) FROM outbox_message)`);
    await db.query(
      `INSERT INTO processed_message (consumer_group, event_id, processed_at)
       VALUES ('g', gen_random_uuid(), now() - interval '10 days'), ('g', gen_random_uuid(), now())`,
    );
    const cleaner = new OutboxCleaner({
      db: prisma,
      logger: testLogger,
      retentionHours: 2,
      inboxRetentionHours: 24 * 8,
      batchSize: 2,
    });
    expect(await cleaner.cleanOnce()).toEqual({ outbox: 5, inbox: 1 });
    expect(await db.query('SELECT count(*)::int AS n FROM outbox_message')).toEqual([{ n: 2 }]);
    expect(await db.query('SELECT count(*)::int AS n FROM processed_message')).toEqual([{ n: 1 }]);
  });
});
