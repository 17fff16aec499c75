import { OutboxRelay, SqlUnitOfWork } from '@saga/outbox';
import { readAll, testKafka, uniqueId, waitFor } from '@saga/test-harness';
import { ConsumerHost } from '../src';
import { createOutboxTestDatabase, OutboxTestDatabase } from '../../outbox/test/support/test-database';
import { createTestPrisma, TestPrisma } from '../../outbox/test/support/test-prisma';
import {
  consumerHost,
  ConsumerSide,
  createConsumerSide,
  createOrderProcessingTopics,
  effectsOf,
  installTestTracing,
  newOrderId,
  orderPlaced,
  recordingHandler,
  testLogger,
} from './support/fixture';

jest.setTimeout(180_000);

const spans = installTestTracing();

/** Outbox (producing service) -> relay -> Kafka -> ConsumerHost (consuming service), both on real infrastructure. */
describe('end-to-end delivery: outbox relay to idempotent consumer', () => {
  let producerDb: OutboxTestDatabase;
  let producerPrisma: TestPrisma;
  let uow: SqlUnitOfWork<any>;
  let consumer: ConsumerSide;
  let topics: Awaited<ReturnType<typeof createOrderProcessingTopics>>;
  const producerService = uniqueId('producer').toLowerCase();
  const relays: OutboxRelay[] = [];
  const hosts: ConsumerHost[] = [];

  beforeEach(async () => {
    topics = await createOrderProcessingTopics(6);
    producerDb = await createOutboxTestDatabase();
    producerPrisma = createTestPrisma(producerDb.url);
    uow = new SqlUnitOfWork(producerPrisma, {
      service: producerService,
      topicPrefix: topics.prefix,
      onCommitted: () => relays.forEach((relay) => relay.wake()),
    });
    consumer = await createConsumerSide(topics.prefix);
    spans.reset();
  });

  afterEach(async () => {
    await Promise.all(hosts.splice(0).map((host) => host.stop()));
    await Promise.all(relays.splice(0).map((relay) => relay.stop()));
    await producerPrisma.$disconnect();
    await producerDb.drop();
    await consumer.close();
  });

  async function startRelay(): Promise<OutboxRelay> {
    const relay = new OutboxRelay({
      service: producerService,
      databaseUrl: producerDb.url,
      producer: testKafka(),
      logger: testLogger,
      pollIntervalMs: 500,
      lockRetryMs: 200,
      metrics: false,
    });
    relays.push(relay);
    await relay.start();
    return relay;
  }

  async function startConsumer(): Promise<ConsumerHost> {
    const host = consumerHost(consumer, topics.prefix, { partitionsConsumedConcurrently: 3 });
    host.register(recordingHandler(consumer, 'RecordOnOrderPlaced'));
    hosts.push(host);
    await host.start();
    return host;
  }

  function processSpans(outcome: string) {
    return spans
      .getFinishedSpans()
      .filter((s) => s.name === `${topics.topic} process` && s.attributes['saga.outcome'] === outcome);
  }

  it('absorbs the republish of a relay that died between publish and mark: one effect per event', async () => {
    const relay = await startRelay();
    await startConsumer();
    const orderId = newOrderId();
    const events = [1, 2, 3, 4, 5].map((seq) => orderPlaced(orderId, seq));
    for (const event of events) await uow.run((_tx, outbox) => outbox.append(event));
    await waitFor(async () => (await effectsOf(consumer)).length === 5, { description: 'first delivery handled' });

    // The state a crash between the produce request and the UPDATE leaves behind: sent but unmarked.
    await relay.stop();
    await producerDb.query('UPDATE outbox_message SET published_at = NULL');
    const restarted = await startRelay();
    await waitFor(async () => (await restarted.stats()).unpublished === 0, { description: 'republished' });
    expect(await readAll(topics.topic)).toHaveLength(10);

    await waitFor(() => processSpans('duplicate').length === 5, { description: 'duplicates skipped' });
    const effects = await effectsOf(consumer);
    expect(effects.map((e) => e.event_id)).toEqual(events.map((e) => e.eventId));

    // one trace from the writer through the relay to the consumer
    const [firstProcess] = processSpans('succeeded');
    const publish = spans
      .getFinishedSpans()
      .find((s) => s.spanContext().spanId === firstProcess.parentSpanContext?.spanId);
    expect(publish?.name).toBe(`${topics.topic} publish`);
  });

  it('1,000 events for 50 keys through two relays and two consumers: per-key order, none lost, no duplicate effects', async () => {
    const keys = Array.from({ length: 50 }, () => newOrderId());
    const perKey = 20;
    const first = await startRelay();
    await waitFor(() => first.isLeader, { description: 'first relay leads' });
    const second = await startRelay();
    await startConsumer();

    let written = 0;
    let failoverAt = -1;
    let secondConsumer: Promise<ConsumerHost> | null = null;
    const writeKey = async (orderId: string) => {
      for (let seq = 1; seq <= perKey; seq++) {
        await uow.run((_tx, outbox) => outbox.append(orderPlaced(orderId, seq)));
        written++;
        if (written === 300) {
          // fail the leader over and scale the consumers out while traffic flows
          failoverAt = Number(
            (
              await producerDb.query<{ n: number }>(
                'SELECT count(*)::int AS n FROM outbox_message WHERE published_at IS NOT NULL',
              )
            )[0].n,
          );
          void first.stop();
          secondConsumer = startConsumer();
        }
      }
    };
    await Promise.all(keys.map(writeKey));
    await secondConsumer;

    await waitFor(async () => (await effectsOf(consumer)).length >= keys.length * perKey, {
      description: 'all effects',
      timeoutMs: 120_000,
      intervalMs: 500,
    });
    await waitFor(() => second.isLeader);
    expect(failoverAt).toBeGreaterThan(0);
    expect(await second.stats()).toEqual({ unpublished: 0, oldestUnpublishedAgeMs: 0 });

    const effects = await effectsOf(consumer);
    expect(effects).toHaveLength(1000);
    expect(new Set(effects.map((e) => e.event_id)).size).toBe(1000);
    const seqsByKey = new Map<string, number[]>();
    for (const effect of effects)
      seqsByKey.set(effect.order_id, [...(seqsByKey.get(effect.order_id) ?? []), effect.seq]);
    const expected = Array.from({ length: perKey }, (_, i) => i + 1);
    for (const key of keys) expect(seqsByKey.get(key)).toEqual(expected);
  });
});
