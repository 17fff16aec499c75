import { createEvent, OrderPlaced, Topics } from '@saga/contracts';
import pino from 'pino';
import { DeadLetter } from './dead-letter';
import { DecodingHandler, EventHandler, NonRetryableError } from './event-handler';
import { IncomingMessage, MessageProcessor } from './message-processor';
import { InMemoryDatabase } from './testing/in-memory-database';
import { processBatchUntilDone } from './testing/process-until-done';

const GROUP = 'product.ReserveStockOnOrderPlaced';

const placed = (orderId: string, subtotal: number) =>
  createEvent(OrderPlaced, {
    orderId,
    causationId: null,
    payload: { userId: 'u', items: [{ productId: 'p', quantity: 1, unitPrice: subtotal }], couponId: null, subtotal },
  });

let offset = 0;
const message = (value: unknown): IncomingMessage => ({
  topic: Topics.OrderProcessing,
  partition: 0,
  offset: String(offset++),
  key: Buffer.from('k'),
  value: Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)),
});

function setup(handle: (event: OrderPlaced, db: InMemoryDatabase) => Promise<void>) {
  const db = new InMemoryDatabase();
  const letters: DeadLetter[] = [];
  const calls: string[] = [];
  const handler: EventHandler<typeof OrderPlaced> = {
    name: 'ReserveStockOnOrderPlaced',
    event: OrderPlaced,
    handle: async (event) => {
      calls.push(event.orderId!);
      await db.run(async () => {
        await handle(event, db);
        db.effect(event.orderId!);
      });
    },
  };
  const processor = new MessageProcessor({
    handler: handler as unknown as EventHandler,
    handlerId: GROUP,
    consumerGroup: 'product',
    uow: db,
    deadLetters: async (letter) => {
      letters.push(letter);
      return `${letter.topic}.dlq`;
    },
    logger: pino({ level: 'silent' }),
    retry: { maxAttempts: 2, initialDelayMs: 1, maxDelayMs: 1 },
  });
  return { processor, db, letters, calls };
}

describe('MessageProcessor.processBatch', () => {
  it('handles a batch in one transaction, in offset order, with one inbox record per event', async () => {
    const { processor, db, calls } = setup(async () => undefined);
    const events = ['a', 'b', 'c'].map((id, i) => placed(id, i + 1));
    await expect(processBatchUntilDone(processor, events.map(message))).resolves.toEqual([
      'succeeded',
      'succeeded',
      'succeeded',
    ]);
    expect(db.transactions).toBe(1);
    expect(calls).toEqual(['a', 'b', 'c']);
    expect(db.effects).toEqual(['a', 'b', 'c']);
    expect(db.inbox.size).toBe(3);
  });

  it('skips duplicates inside the batch and events recorded by an earlier batch', async () => {
    const { processor, db } = setup(async () => undefined);
    const [a, b] = [placed('a', 1), placed('b', 2)];
    await processBatchUntilDone(processor, [message(a), message(a)]);
    await expect(processBatchUntilDone(processor, [message(a), message(b), message(b)])).resolves.toEqual([
      'duplicate',
      'succeeded',
      'duplicate',
    ]);
    expect(db.effects).toEqual(['a', 'b']);
  });

  it('a poison message costs only itself: dead-lettered, the rest handled once each, in order', async () => {
    const { processor, db, letters, calls } = setup(async () => undefined);
    const outcomes = await processBatchUntilDone(processor, [
      message(placed('a', 1)),
      message('not json'),
      message(placed('c', 3)),
    ]);
    expect(outcomes).toEqual(['succeeded', 'dead_lettered', 'succeeded']);
    expect(letters).toHaveLength(1);
    expect(letters[0]!.error).toMatch(/invalid event/);
    expect(db.effects).toEqual(['a', 'c']);
    expect(calls).toEqual(['a', 'c']);
  });

  it('a failing handler rolls the batch back; alone, the others succeed once and only it is dead-lettered', async () => {
    const { processor, db, letters, calls } = setup(async (event) => {
      if (event.orderId === 'b') throw new NonRetryableError('business rule');
    });
    const outcomes = await processBatchUntilDone(
      processor,
      ['a', 'b', 'c'].map((id, i) => message(placed(id, i + 1))),
    );
    expect(outcomes).toEqual(['succeeded', 'dead_lettered', 'succeeded']);
    expect(letters.map((l) => l.error)).toEqual(['NonRetryableError: business rule']);
    // a and b ran in the rolled-back batch, then a, b, c alone: the effects committed once each
    expect(calls).toEqual(['a', 'b', 'a', 'b', 'c']);
    expect(db.effects).toEqual(['a', 'c']);
    expect(db.inbox.size).toBe(2);
  });

  it('a transient failure is retried for that message alone, keeping per-key order', async () => {
    let failures = 1;
    const { processor, db } = setup(async (event) => {
      if (event.orderId === 'b' && failures-- > 0) throw new Error('deadlock detected');
    });
    const outcomes = await processBatchUntilDone(
      processor,
      ['a', 'b', 'c'].map((id, i) => message(placed(id, i + 1))),
    );
    expect(outcomes).toEqual(['succeeded', 'succeeded', 'succeeded']);
    expect(db.effects).toEqual(['a', 'b', 'c']);
  });

  it('a crash mid-batch (commit lost) leaves nothing; the redelivered batch is handled exactly once', async () => {
    const { processor, db } = setup(async () => undefined);
    const batch = ['a', 'b', 'c'].map((id, i) => message(placed(id, i + 1)));
    db.failNextCommit = true;
    // the batch transaction fails at COMMIT, the fallback commits each message alone
    await processBatchUntilDone(processor, batch);
    expect(db.effects).toEqual(['a', 'b', 'c']);
    // Kafka redelivers the uncommitted offsets: all duplicates, no second effect
    await expect(processBatchUntilDone(processor, batch)).resolves.toEqual(['duplicate', 'duplicate', 'duplicate']);
    expect(db.effects).toEqual(['a', 'b', 'c']);
  });

  it("decodes a DecodingHandler's batch with its own decode, not the catalog, poison included", async () => {
    const { processor, db } = setup(async () => undefined);
    const seen: unknown[] = [];
    const observer: DecodingHandler = {
      name: 'ObserveOrderProcessing',
      topic: Topics.OrderProcessing,
      decode: ({ offset }) => ({ ...placed(`o${offset}`, 1), type: 'Observed' }),
      handle: async (event) => {
        seen.push(event.type);
      },
    };
    (processor as unknown as { options: { handler: DecodingHandler } }).options.handler = observer;
    await expect(processBatchUntilDone(processor, [message(placed('a', 1)), message('not json')])).resolves.toEqual([
      'succeeded',
      'succeeded',
    ]);
    expect(seen).toEqual(['Observed', 'Observed']);
    expect(db.transactions).toBe(1);
  });
});
