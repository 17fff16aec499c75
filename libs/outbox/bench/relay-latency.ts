/**
 * Relay latency: from a writer's commit to the message being visible to a Kafka consumer.
 * Modes: `notify` (relay woken only by PostgreSQL NOTIFY, as for a commit in another instance),
 * `wake` (in-process wake after commit), `poll` (no NOTIFY, no wake: polling only).
 *
 *   pnpm --filter @saga/outbox bench:relay [--events 300] [--interval-ms 10] [--poll-ms 100] [--linger-ms 1]
 *
 * Needs the dev infrastructure (`pnpm infra up`). Prints one line per mode; not a test.
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Topics } from '@saga/contracts';
import { createTopics, testKafka, uniqueId, waitFor } from '@saga/test-harness';
import { OutboxRelay, SqlUnitOfWork } from '../src';
import { newOrderId, orderPlaced } from '../test/support/events';
import { createOutboxTestDatabase } from '../test/support/test-database';
import { testLogger } from '../test/support/test-logger';
import { createTestPrisma } from '../test/support/test-prisma';

type Mode = 'notify' | 'wake' | 'poll';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '300' },
    'interval-ms': { type: 'string', default: '10' },
    'poll-ms': { type: 'string', default: '100' },
    'linger-ms': { type: 'string', default: '0' },
    modes: { type: 'string', default: 'notify,wake,poll' },
  },
});
const events = Number(values.events);
const intervalMs = Number(values['interval-ms']);
const pollMs = Number(values['poll-ms']);
const lingerMs = Number(values['linger-ms']);

async function measure(mode: Mode): Promise<number[]> {
  const db = await createOutboxTestDatabase();
  const prisma = createTestPrisma(db.url);
  const prefix = `${uniqueId('bench')}.`;
  const topic = `${prefix}${Topics.OrderProcessing}`;
  await createTopics([topic], { partitions: 6 });
  const service = 'bench';
  const relay = new OutboxRelay({
    service,
    databaseUrl: db.url,
    producer: testKafka(),
    logger: testLogger,
    notify: mode !== 'poll',
    pollIntervalMs: mode === 'poll' ? pollMs : 60_000,
    lingerMs,
    metrics: false,
  });
  const uow = new SqlUnitOfWork(prisma, {
    service,
    topicPrefix: prefix,
    onCommitted: mode === 'wake' ? () => relay.wake() : undefined,
  });
  const committedAt = new Map<string, number>();
  // The relay can deliver before `await uow.run` has even returned to the writer, so latencies are
  // computed at the end (clamped at 0) rather than on receipt.
  const seenAtById = new Map<string, number>();
  let received = 0;
  const crashes: unknown[] = [];
  const consumer = testKafka().consumer({ groupId: uniqueId('bench'), maxWaitTimeInMs: 100 });
  consumer.on(consumer.events.CRASH, ({ payload }) => crashes.push(payload.error.message));
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const seenAt = performance.now();
      received++;
      const eventId = message.headers?.['x-event-id']?.toString();
      if (eventId) seenAtById.set(eventId, seenAt);
    },
  });
  await relay.start();
  await waitFor(() => relay.isLeader, { description: 'relay leads' });
  // warm-up: connections, metadata, JIT
  for (let i = 0; i < 20; i++) await uow.run((_tx, outbox) => outbox.append(orderPlaced(newOrderId(), 1)));
  await waitFor(async () => (await relay.stats()).unpublished === 0);
  await new Promise((resolve) => setTimeout(resolve, 500));

  for (let i = 0; i < events; i++) {
    const event = orderPlaced(newOrderId(), 1);
    await uow.run((_tx, outbox) => outbox.append(event));
    committedAt.set(event.eventId, performance.now());
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  const seen = () => [...committedAt.keys()].filter((id) => seenAtById.has(id)).length;
  await waitFor(() => seen() >= events, { timeoutMs: 60_000, description: 'all consumed' }).catch((error) => {
    console.error({ received, seen: seen(), crashes });
    throw error;
  });
  const latencies = [...committedAt].map(([id, committed]) => Math.max(0, seenAtById.get(id)! - committed));
  await consumer.disconnect();
  await relay.stop();
  await prisma.$disconnect();
  await db.drop();
  return latencies;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function main(): Promise<void> {
  console.log(
    `relay latency, commit -> consumer eachMessage; ${events} events, one every ${intervalMs} ms, linger ${lingerMs} ms, poll ${pollMs} ms`,
  );
  for (const mode of values.modes!.split(',') as Mode[]) {
    const sorted = (await measure(mode)).sort((a, b) => a - b);
    const f = (n: number) => n.toFixed(1).padStart(7);
    console.log(
      `${mode.padEnd(7)} p50 ${f(percentile(sorted, 50))} ms  p90 ${f(percentile(sorted, 90))} ms  p99 ${f(percentile(sorted, 99))} ms  max ${f(sorted[sorted.length - 1])} ms`,
    );
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
