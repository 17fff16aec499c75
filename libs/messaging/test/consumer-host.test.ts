import { OrderPlaced } from '@saga/contracts';
import { readAll, testKafka, waitFor } from '@saga/test-harness';
import { ConsumerHost, NonRetryableError, readDeadLetters, replayDeadLetters } from '../src';
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
} from './support/fixture';

jest.setTimeout(90_000);

const spans = installTestTracing();

describe('ConsumerHost against Kafka and PostgreSQL', () => {
  let side: ConsumerSide;
  let topics: Awaited<ReturnType<typeof createOrderProcessingTopics>>;
  const hosts: ConsumerHost[] = [];
  const producer = testKafka().producer();

  beforeAll(() => producer.connect());
  afterAll(() => producer.disconnect());

  beforeEach(async () => {
    topics = await createOrderProcessingTopics();
    side = await createConsumerSide(topics.prefix);
  });

  afterEach(async () => {
    await Promise.all(hosts.splice(0).map((host) => host.stop()));
    await side.close();
  });

  async function start(host: ConsumerHost): Promise<ConsumerHost> {
    hosts.push(host);
    await host.start();
    return host;
  }

  /** A host whose handler records the transaction (txid) each event was handled in. */
  async function startRecordingTransactions(): Promise<Map<string, string>> {
    const transactionOf = new Map<string, string>();
    const host = consumerHost(side, topics.prefix);
    host.register(
      recordingHandler(side, 'RecordOnOrderPlaced', async (event) => {
        const [{ id }] = await side.uow.run((tx) => tx.query<{ id: string }[]>('SELECT txid_current()::text AS id'));
        transactionOf.set(event.eventId, id);
      }),
    );
    await start(host);
    return transactionOf;
  }

  async function send(key: string, value: string | OrderPlaced): Promise<void> {
    await producer.send({
      topic: topics.topic,
      messages: [{ key, value: typeof value === 'string' ? value : JSON.stringify(value) }],
    });
  }

  it('dead-letters poison messages with the reason and keeps processing the partition', async () => {
    const host = consumerHost(side, topics.prefix);
    host.register(recordingHandler(side, 'RecordOnOrderPlaced'));
    await start(host);
    const orderId = newOrderId();
    const wrongSchema = { ...orderPlaced(orderId, 1), payload: { userId: '', items: [] } };
    const good = orderPlaced(orderId, 2);
    await send(orderId, 'this is not json');
    await send(orderId, JSON.stringify(wrongSchema));
    await send(orderId, good);

    await waitFor(async () => (await effectsOf(side)).length === 1, { description: 'good message handled' });
    expect((await effectsOf(side))[0].event_id).toBe(good.eventId);
    const dead = await waitFor(async () => {
      const messages = await readAll(topics.deadLetterTopic);
      return messages.length === 2 ? messages : null;
    });
    expect(dead.map((m) => m.value)).toEqual(['this is not json', JSON.stringify(wrongSchema)]);
    expect(dead[0].headers['x-dlq-error']).toMatch(/not JSON/);
    expect(dead[1].headers['x-dlq-error']).toMatch(/payload\.userId/);
    expect(dead[1].headers['x-dlq-original-topic']).toBe(topics.topic);
    expect(dead[1].headers['x-dlq-consumer-group']).toBe(`${topics.prefix}${side.service}.RecordOnOrderPlaced`);
    expect(dead[0].key).toBe(orderId);
  });

  it('a fetched batch: one transaction; a poison message and a duplicate cost only themselves, order kept', async () => {
    const orderId = newOrderId();
    const [first, second, third] = [1, 2, 3].map((seq) => orderPlaced(orderId, seq));
    // produced before the consumer joins, so its first fetch returns them as one batch of one partition
    for (const value of [first, 'this is not json', first, second, third]) await send(orderId, value);
    spans.reset();
    const transactionOf = await startRecordingTransactions();

    await waitFor(async () => (await effectsOf(side)).length === 3, { description: 'valid messages handled' });
    const dead = await waitFor(async () => {
      const messages = await readAll(topics.deadLetterTopic);
      return messages.length === 1 ? messages : null;
    });
    expect(dead[0].value).toBe('this is not json');
    expect((await effectsOf(side)).map((e) => e.event_id)).toEqual([first, second, third].map((e) => e.eventId));
    expect(await side.db.query('SELECT count(*)::int AS n FROM processed_message')).toEqual([{ n: 3 }]);
    const processed = spans.getFinishedSpans().filter((s) => s.name === `${topics.topic} process`);
    // one span per message; with an invalid message in it the batch was processed one message at a time
    expect(processed).toHaveLength(5);
    expect(new Set([first, second, third].map((e) => transactionOf.get(e.eventId))).size).toBe(3);
    expect(processed.map((s) => s.attributes['saga.outcome'])).toEqual([
      'succeeded',
      'dead_lettered',
      'duplicate',
      'succeeded',
      'succeeded',
    ]);

    // a clean batch commits together: three more events, one span each, no fallback
    spans.reset();
    const more = [4, 5, 6].map((seq) => orderPlaced(orderId, seq));
    await producer.send({
      topic: topics.topic,
      messages: more.map((event) => ({ key: orderId, value: JSON.stringify(event) })),
    });
    await waitFor(async () => (await effectsOf(side)).length === 6, { description: 'second batch handled' });
    expect((await effectsOf(side)).slice(3).map((e) => e.event_id)).toEqual(more.map((e) => e.eventId));
    const clean = spans.getFinishedSpans().filter((s) => s.name === `${topics.topic} process`);
    expect(clean.map((s) => s.attributes['saga.outcome'])).toEqual(['succeeded', 'succeeded', 'succeeded']);
    expect(clean.some((s) => s.events.length > 0)).toBe(false);
    expect(new Set(more.map((e) => transactionOf.get(e.eventId))).size).toBe(1);
  });

  it("the batches of one fetch share a transaction, each key's messages in order", async () => {
    // produced before the consumer joins, so its first fetch returns a batch from each of the 3 partitions
    const orders = [newOrderId(), newOrderId(), newOrderId()];
    const events = orders.flatMap((orderId) => [1, 2].map((seq) => orderPlaced(orderId, seq)));
    for (const [partition, orderId] of orders.entries()) {
      await producer.send({
        topic: topics.topic,
        messages: events
          .filter((event) => event.orderId === orderId)
          .map((event) => ({ key: orderId, partition, value: JSON.stringify(event) })),
      });
    }
    const transactionOf = await startRecordingTransactions();

    await waitFor(async () => (await effectsOf(side)).length === 6, { description: 'every partition handled' });
    expect(new Set(events.map((event) => transactionOf.get(event.eventId))).size).toBe(1);
    const effects = await effectsOf(side);
    for (const orderId of orders) {
      expect(effects.filter((effect) => effect.order_id === orderId).map((effect) => effect.seq)).toEqual([1, 2]);
    }
    expect(await side.db.query('SELECT count(*)::int AS n FROM processed_message')).toEqual([{ n: 6 }]);
  });

  it('retries a transient failure after a backoff: fails twice, then one effect', async () => {
    const attempts: number[] = [];
    const host = consumerHost(side, topics.prefix);
    host.register(
      recordingHandler(side, 'FlakyOnOrderPlaced', async (_event, meta) => {
        attempts.push(meta.attempt);
        if (meta.attempt < 3) throw new Error('database hiccup');
      }),
    );
    await start(host);
    const event = orderPlaced(newOrderId(), 1);
    await send(event.orderId!, event);
    await waitFor(async () => (await effectsOf(side)).length === 1, { description: 'effect after retries' });
    expect(attempts).toEqual([1, 2, 3]);
    // the failed attempts' effects and inbox rows were rolled back with their transactions
    expect(await side.db.query('SELECT count(*)::int AS n FROM processed_message')).toEqual([{ n: 1 }]);
    expect(await readAll(topics.deadLetterTopic)).toEqual([]);
  });

  it("a retry waits on its own partition only: another partition's message is handled meanwhile", async () => {
    const blocked = orderPlaced(newOrderId(), 1);
    const other = orderPlaced(newOrderId(), 2);
    const attempts: number[] = [];
    let otherSent: Promise<unknown> | null = null;
    // the retried message succeeds only once the other one was handled: while its partition waits out
    // the backoff, the consumer must go on fetching and handling other partitions
    const host = consumerHost(side, topics.prefix, { retry: { maxAttempts: 4, initialDelayMs: 400, maxDelayMs: 400 } });
    host.register(
      recordingHandler(side, 'WaitsForOtherOnOrderPlaced', async (event, meta) => {
        if (event.eventId !== blocked.eventId) return;
        attempts.push(meta.attempt);
        otherSent ??= producer.send({
          topic: topics.topic,
          messages: [{ partition: 1, key: other.orderId, value: JSON.stringify(other) }],
        });
        const handled = await side.db.query('SELECT 1 FROM effect WHERE event_id = $1', [other.eventId]);
        if (handled.length === 0) throw new Error('the other partition has not been handled yet');
      }),
    );
    await start(host);
    await producer.send({
      topic: topics.topic,
      messages: [{ partition: 0, key: blocked.orderId, value: JSON.stringify(blocked) }],
    });
    await waitFor(async () => (await effectsOf(side)).length === 2, { description: 'both handled' });
    expect((await effectsOf(side)).map((e) => e.event_id)).toEqual([other.eventId, blocked.eventId]);
    expect(attempts.length).toBeGreaterThanOrEqual(2);
    expect(await readAll(topics.deadLetterTopic)).toEqual([]);
  });

  it('dead-letters after maxAttempts, then a replay is processed exactly once', async () => {
    const failing = new Set<string>();
    const attempts: number[] = [];
    const host = consumerHost(side, topics.prefix);
    host.register(
      recordingHandler(side, 'BrokenOnOrderPlaced', async (received, meta) => {
        attempts.push(meta.attempt);
        if (failing.has(received.eventId)) throw new Error('downstream rejects it');
      }),
      recordingHandler(side, 'HealthyOnOrderPlaced'),
    );
    await start(host);
    const event = orderPlaced(newOrderId(), 7);
    const after = orderPlaced(event.orderId!, 8);
    failing.add(event.eventId);
    await send(event.orderId!, event);
    await send(event.orderId!, after);

    const [letter] = await waitFor(async () => {
      const messages = await readAll(topics.deadLetterTopic);
      return messages.length === 1 ? messages : null;
    });
    expect(letter.headers['x-dlq-attempts']).toBe('3');
    expect(letter.headers['x-dlq-error']).toContain('downstream rejects it');
    // the partition moved on: the next event on the same key was handled by both handlers
    await waitFor(async () => (await effectsOf(side)).filter((e) => e.event_id === after.eventId).length === 2);
    // when one fetch returned both events, the batch was tried together once first (and rolled back), then
    // each message alone: the failing one with its own 3 attempts, the next one once
    expect([
      [1, 2, 3, 1],
      [1, 1, 2, 3, 1],
    ]).toContainEqual(attempts);

    failing.clear();
    const dryRun = await readDeadLetters(testKafka(), topics.deadLetterTopic, {
      consumerGroup: `${topics.prefix}${side.service}.BrokenOnOrderPlaced`,
    });
    expect(dryRun.map((r) => [r.eventId, r.eventType, r.originalTopic])).toEqual([
      [event.eventId, 'OrderPlaced', topics.topic],
    ]);
    expect(await replayDeadLetters(testKafka(), dryRun)).toBe(1);

    await waitFor(async () => (await effectsOf(side)).filter((e) => e.event_id === event.eventId).length === 2, {
      description: 'replayed event handled by the broken handler',
    });
    // the healthy handler saw the replay too and skipped it through its inbox
    await new Promise((resolve) => setTimeout(resolve, 500));
    const effects = await effectsOf(side);
    expect(effects.filter((e) => e.event_id === event.eventId)).toHaveLength(2);
    expect(
      await side.db.query('SELECT consumer_group FROM processed_message WHERE event_id = $1 ORDER BY 1', [
        event.eventId,
      ]),
    ).toEqual([
      { consumer_group: `${topics.prefix}${side.service}.BrokenOnOrderPlaced` },
      { consumer_group: `${topics.prefix}${side.service}.HealthyOnOrderPlaced` },
    ]);
  });

  it("a new service group starts where the old per-handler groups stopped, not at the topic's start", async () => {
    const orderId = newOrderId();
    const events = [1, 2, 3, 4].map((seq) => orderPlaced(orderId, seq));
    await producer.send({
      topic: topics.topic,
      messages: events.map((event) => ({ partition: 0, key: orderId, value: JSON.stringify(event) })),
    });
    // before one group per service, each handler had its own group `<service>.<handler>`
    const admin = testKafka().admin();
    await admin.connect();
    const committed = async (handler: string, offset: string) =>
      admin.setOffsets({
        groupId: `${topics.prefix}${side.service}.${handler}`,
        topic: topics.topic,
        partitions: [0, 1, 2].map((partition) => ({ partition, offset: partition === 0 ? offset : '0' })),
      });
    await committed('RecordOnOrderPlaced', '3');
    await committed('AlsoOnOrderPlaced', '2');
    await admin.disconnect();

    const host = consumerHost(side, topics.prefix);
    const also: string[] = [];
    host.register(
      recordingHandler(side, 'RecordOnOrderPlaced'),
      recordingHandler(side, 'AlsoOnOrderPlaced', async (event) => void also.push(event.eventId)),
    );
    await start(host);
    // the slowest old group had handled offsets 0 and 1: the service group resumes at offset 2
    await waitFor(async () => (await effectsOf(side)).length === 4, { description: 'offsets 2 and 3, two handlers' });
    expect(also).toEqual([events[2]!.eventId, events[3]!.eventId]);
    expect(new Set((await effectsOf(side)).map((e) => e.event_id))).toEqual(
      new Set([events[2]!.eventId, events[3]!.eventId]),
    );
  });

  it('dead-letters a NonRetryableError at once', async () => {
    const attempts: number[] = [];
    const host = consumerHost(side, topics.prefix);
    host.register(
      recordingHandler(side, 'RejectOnOrderPlaced', async (_event, meta) => {
        attempts.push(meta.attempt);
        throw new NonRetryableError('product does not exist');
      }),
    );
    await start(host);
    const event = orderPlaced(newOrderId(), 1);
    await send(event.orderId!, event);
    const [letter] = await waitFor(async () => {
      const messages = await readAll(topics.deadLetterTopic);
      return messages.length === 1 ? messages : null;
    });
    expect(letter.headers['x-dlq-attempts']).toBe('1');
    expect(attempts).toEqual([1]);
    expect(await effectsOf(side)).toEqual([]);
  });
});
