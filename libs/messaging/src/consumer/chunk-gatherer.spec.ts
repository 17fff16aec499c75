import { createEvent, OrderPlaced, OrderProcessingFailed, Topics } from '@saga/contracts';
import pino from 'pino';
import { ChunkGatherer } from './chunk-gatherer';
import { EventHandler, NonRetryableError } from './event-handler';
import { IncomingMessage, MessageProcessor } from './message-processor';
import { InMemoryDatabase } from './testing/in-memory-database';
import { ChunkResult, TopicRoute } from './topic-route';

const logger = pino({ level: 'silent' });

const placed = (orderId: string) =>
  createEvent(OrderPlaced, {
    orderId,
    causationId: null,
    payload: { userId: 'u', items: [{ productId: 'p', quantity: 1, unitPrice: 1 }], couponId: null, subtotal: 1 },
  });
const failed = (orderId: string) =>
  createEvent(OrderProcessingFailed, {
    orderId,
    causationId: null,
    payload: { reason: 'OUT_OF_STOCK', failedBy: 'product' },
  });

let offset = 0;
const message = (topic: string, partition: number, value: unknown, key?: string): IncomingMessage => ({
  topic,
  partition,
  offset: String(offset++),
  key: key === undefined ? null : Buffer.from(key),
  value: Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)),
});

/** A handler that records its effect in the shared in-memory database; `fail` decides which orders throw. */
function route(
  db: InMemoryDatabase,
  name: string,
  event: typeof OrderPlaced | typeof OrderProcessingFailed,
  fail = (_orderId: string) => false,
) {
  const handler = {
    name,
    event,
    handle: async (e: { orderId: string | null }) => {
      if (fail(e.orderId!)) throw new NonRetryableError(`${name} refuses ${e.orderId}`);
      db.effect(`${name}:${e.orderId}`);
    },
  } as unknown as EventHandler;
  const letters: string[] = [];
  const processor = new MessageProcessor({
    handler,
    handlerId: `svc.${name}`,
    consumerGroup: 'svc',
    uow: db,
    deadLetters: async (letter) => {
      letters.push(letter.offset);
      return `${letter.topic}.dlq`;
    },
    logger,
    retry: { maxAttempts: 1, initialDelayMs: 1, maxDelayMs: 1 },
  });
  return { route: new TopicRoute([processor]), letters };
}

describe('ChunkGatherer', () => {
  it('handles the chunks handed over together in one transaction, each resolving with its own last offset', async () => {
    const db = new InMemoryDatabase();
    const a = route(db, 'A', OrderPlaced);
    const b = route(db, 'B', OrderProcessingFailed);
    const gatherer = new ChunkGatherer({ uow: db, logger, maxMessages: 50 });
    const chunks = [
      [message(Topics.OrderProcessing, 0, placed('o1')), message(Topics.OrderProcessing, 0, placed('o2'))],
      [message(Topics.OrderProcessing, 1, placed('o3'))],
      [message(Topics.OrderProcessingFail, 0, failed('o1'))],
    ];
    const results = await Promise.all([
      gatherer.process(a.route, chunks[0]!),
      gatherer.process(a.route, chunks[1]!),
      gatherer.process(b.route, chunks[2]!),
    ]);
    expect(results).toEqual<ChunkResult[]>(chunks.map((chunk) => ({ lastDone: chunk[chunk.length - 1]!.offset })));
    expect(db.transactions).toBe(1);
    expect(db.effects).toEqual(['A:o1', 'A:o2', 'A:o3', 'B:o1']);
    // one inbox record per handler and event
    expect([...db.inbox].map((key) => key.split('/')[0]).sort()).toEqual(['svc.A', 'svc.A', 'svc.A', 'svc.B']);
  });

  it('a failure rolls the shared transaction back and every chunk is processed on its own: only the culprit is lost', async () => {
    const db = new InMemoryDatabase();
    const a = route(db, 'A', OrderPlaced, (orderId) => orderId === 'bad');
    const gatherer = new ChunkGatherer({ uow: db, logger, maxMessages: 50 });
    const good = [message(Topics.OrderProcessing, 0, placed('o1')), message(Topics.OrderProcessing, 0, placed('o2'))];
    const poisoned = [
      message(Topics.OrderProcessing, 1, placed('bad')),
      message(Topics.OrderProcessing, 1, placed('o3')),
    ];
    const results = await Promise.all([gatherer.process(a.route, good), gatherer.process(a.route, poisoned)]);
    expect(results).toEqual([{ lastDone: good[1]!.offset }, { lastDone: poisoned[1]!.offset }]);
    expect(a.letters).toEqual([poisoned[0]!.offset]);
    expect([...db.effects].sort()).toEqual(['A:o1', 'A:o2', 'A:o3']);
  });

  it('an invalid message sends its own chunk the usual way; the other chunks still share a transaction', async () => {
    const db = new InMemoryDatabase();
    const a = route(db, 'A', OrderPlaced);
    const gatherer = new ChunkGatherer({ uow: db, logger, maxMessages: 50 });
    const chunks = [
      [message(Topics.OrderProcessing, 0, placed('o1'))],
      [message(Topics.OrderProcessing, 1, placed('o2'))],
      [message(Topics.OrderProcessing, 2, 'not json'), message(Topics.OrderProcessing, 2, placed('o3'))],
    ];
    await Promise.all(chunks.map((chunk) => gatherer.process(a.route, chunk)));
    expect(a.letters).toEqual([chunks[2]![0]!.offset]);
    expect([...db.effects].sort()).toEqual(['A:o1', 'A:o2', 'A:o3']);
    // o1 + o2 together, o3 in its own (the poison message has no transaction: it is dead-lettered before)
    expect(db.transactions).toBe(2);
  });

  it('starts another transaction when the next chunk would pass maxMessages', async () => {
    const db = new InMemoryDatabase();
    const a = route(db, 'A', OrderPlaced);
    const gatherer = new ChunkGatherer({ uow: db, logger, maxMessages: 3 });
    const chunks = [0, 1, 2].map((partition) => [
      message(Topics.OrderProcessing, partition, placed(`p${partition}-1`)),
      message(Topics.OrderProcessing, partition, placed(`p${partition}-2`)),
    ]);
    await Promise.all(chunks.map((chunk) => gatherer.process(a.route, chunk)));
    expect(db.effects).toHaveLength(6);
    expect(db.transactions).toBe(3);
  });

  it('a redelivered event is an inbox duplicate, also when it arrives in two chunks of one transaction', async () => {
    const db = new InMemoryDatabase();
    const a = route(db, 'A', OrderPlaced);
    const gatherer = new ChunkGatherer({ uow: db, logger, maxMessages: 50 });
    const event = placed('o1');
    await Promise.all([
      gatherer.process(a.route, [message(Topics.OrderProcessing, 0, event)]),
      gatherer.process(a.route, [message(Topics.OrderProcessing, 1, event)]),
    ]);
    await gatherer.process(a.route, [message(Topics.OrderProcessing, 0, event)]);
    expect(db.effects).toEqual(['A:o1']);
  });

  it('handles the messages in key order, keeping the order of each key: concurrent transactions lock one saga after another', async () => {
    const db = new InMemoryDatabase();
    const a = route(db, 'A', OrderPlaced);
    const b = route(db, 'B', OrderProcessingFailed);
    const gatherer = new ChunkGatherer({ uow: db, logger, maxMessages: 50 });
    const at = (topic: string, partition: number, orderId: string, event: unknown) =>
      message(topic, partition, event, orderId);
    await Promise.all([
      gatherer.process(a.route, [
        at(Topics.OrderProcessing, 0, 'o3', placed('o3')),
        at(Topics.OrderProcessing, 0, 'o1', placed('o1')),
      ]),
      gatherer.process(b.route, [at(Topics.OrderProcessingFail, 4, 'o1', failed('o1'))]),
      gatherer.process(a.route, [at(Topics.OrderProcessing, 2, 'o2', placed('o2'))]),
    ]);
    expect(db.transactions).toBe(1);
    expect(db.effects).toEqual(['A:o1', 'B:o1', 'A:o2', 'A:o3']);
  });

  it('runs one transaction at a time, so transactions of one instance never deadlock each other', async () => {
    const db = new InMemoryDatabase();
    let active = 0;
    let most = 0;
    const handler = {
      name: 'A',
      event: OrderPlaced,
      handle: async (e: { orderId: string | null }) => {
        most = Math.max(most, ++active);
        await new Promise((resolve) => setTimeout(resolve, 2));
        db.effect(`A:${e.orderId}`);
        active--;
      },
    } as unknown as EventHandler;
    const processor = new MessageProcessor({
      handler,
      handlerId: 'svc.A',
      consumerGroup: 'svc',
      uow: db,
      deadLetters: async (letter) => `${letter.topic}.dlq`,
      logger,
      retry: { maxAttempts: 1, initialDelayMs: 1, maxDelayMs: 1 },
    });
    const gatherer = new ChunkGatherer({ uow: db, logger, maxMessages: 2 });
    const chunks = [0, 1, 2, 3].map((partition) => [
      message(Topics.OrderProcessing, partition, placed(`p${partition}-1`)),
      message(Topics.OrderProcessing, partition, placed(`p${partition}-2`)),
    ]);
    await Promise.all(chunks.map((chunk) => gatherer.process(new TopicRoute([processor]), chunk)));
    expect(db.effects).toHaveLength(8);
    expect(db.transactions).toBe(4);
    expect(most).toBe(1);
  });
});
