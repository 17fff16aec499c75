import { createEvent, OrderPlaced, Topics } from '@saga/contracts';
import { SqlExecutor, UnitOfWork } from '@saga/outbox';
import pino from 'pino';
import { DeadLetter } from './dead-letter';
import { EventHandler, NonRetryableError } from './event-handler';
import { isRetryLater, MessageProcessor } from './message-processor';
import { redelivering } from './testing/process-until-done';

/** Inbox in memory, committed only when the work succeeds: the in-memory twin of SqlUnitOfWork + processed_message. */
class InMemoryInboxUow implements UnitOfWork<SqlExecutor> {
  readonly inbox = new Set<string>();
  async run<T>(work: (tx: SqlExecutor, outbox: never) => Promise<T>): Promise<T> {
    const pending: string[] = [];
    const tx: SqlExecutor = {
      execute: async (_sql, group, eventId) => {
        const key = `${group}/${eventId}`;
        if (this.inbox.has(key) || pending.includes(key)) return 0;
        pending.push(key);
        return 1;
      },
      query: async () => [] as never,
    };
    const result = await work(tx, undefined as never);
    pending.forEach((key) => this.inbox.add(key));
    return result;
  }
}

const event = createEvent(OrderPlaced, {
  orderId: 'order-1',
  causationId: null,
  payload: { userId: 'u', items: [{ productId: 'p', quantity: 1, unitPrice: 5 }], couponId: null, subtotal: 5 },
});
const message = (value: unknown, topic: string = Topics.OrderProcessing) => ({
  topic,
  partition: 2,
  offset: '41',
  key: Buffer.from('order-1'),
  value: Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)),
  headers: { traceparent: Buffer.from('00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01') },
});

function setup(handle: EventHandler['handle'], options: { maxAttempts?: number; topicPrefix?: string } = {}) {
  const uow = new InMemoryInboxUow();
  const letters: DeadLetter[] = [];
  const delays: number[] = [];
  const handler: EventHandler = { name: 'ReserveStockOnOrderPlaced', event: OrderPlaced, handle };
  const processor = new MessageProcessor({
    handler,
    handlerId: 'product.ReserveStockOnOrderPlaced',
    consumerGroup: 'product',
    uow,
    deadLetters: async (letter) => {
      letters.push(letter);
      return `${letter.topic}.dlq`;
    },
    logger: pino({ level: 'silent' }),
    retry: { maxAttempts: options.maxAttempts ?? 3, initialDelayMs: 10, maxDelayMs: 15 },
    topicPrefix: options.topicPrefix,
  });
  return { processor: redelivering(processor, delays), once: processor, uow, letters, delays };
}

describe('MessageProcessor', () => {
  it('handles a valid event once and skips its redelivery as a duplicate', async () => {
    const handle = jest.fn(async () => undefined);
    const { processor } = setup(handle);
    await expect(processor.process(message(event))).resolves.toBe('succeeded');
    await expect(processor.process(message(event))).resolves.toBe('duplicate');
    expect(handle).toHaveBeenCalledTimes(1);
    expect(handle).toHaveBeenCalledWith(
      event,
      expect.objectContaining({
        attempt: 1,
        partition: 2,
        offset: '41',
        key: 'order-1',
        handlerId: 'product.ReserveStockOnOrderPlaced',
      }),
    );
  });

  it.each([
    ['not JSON', 'oops{', /not JSON/],
    ['a wrong schema', { ...event, payload: { ...event.payload, subtotal: -1 } }, /payload\.subtotal/],
    ['an event from another topic', { ...event }, /does not belong on topic/],
  ])('dead-letters %s at once without calling the handler', async (_name, value, reason) => {
    const handle = jest.fn(async () => undefined);
    const { processor, letters } = setup(handle);
    const topic = _name === 'an event from another topic' ? Topics.OrderPayment : Topics.OrderProcessing;
    await expect(processor.process(message(value, topic))).resolves.toBe('dead_lettered');
    expect(handle).not.toHaveBeenCalled();
    expect(letters).toHaveLength(1);
    expect(letters[0]).toMatchObject({
      topic,
      partition: 2,
      offset: '41',
      attempts: 1,
      consumerGroup: 'product.ReserveStockOnOrderPlaced',
    });
    expect(letters[0].error).toMatch(reason);
    expect(letters[0].headers.traceparent).toBeDefined();
  });

  it('retries transient failures with growing delays and records the inbox only for the success', async () => {
    let calls = 0;
    const { processor, uow, letters, delays } = setup(async () => {
      if (++calls < 3) throw new Error('deadlock detected');
    });
    await expect(processor.process(message(event))).resolves.toBe('succeeded');
    expect(calls).toBe(3);
    expect(delays).toEqual([10, 15]);
    expect(letters).toEqual([]);
    expect(uow.inbox.size).toBe(1);
  });

  it('a failed try asks for a later one instead of sleeping; the tries of that offset carry over', async () => {
    const attempts: number[] = [];
    const { once, letters } = setup(async (_event, meta) => {
      attempts.push(meta.attempt);
      throw new Error('deadlock detected');
    });
    await expect(once.process(message(event))).resolves.toEqual({ retryAfterMs: 10 });
    await expect(once.process(message(event))).resolves.toEqual({ retryAfterMs: 15 });
    // another offset of the same partition is another message: its tries start over
    const next = { ...message(event), offset: '42' };
    expect(isRetryLater(await once.process(next))).toBe(true);
    await expect(once.process(message(event))).resolves.toEqual({ retryAfterMs: 10 });
    expect(attempts).toEqual([1, 2, 1, 1]);
    expect(letters).toEqual([]);
  });

  it('dead-letters after maxAttempts with the last error, and leaves no inbox record', async () => {
    const { processor, uow, letters } = setup(async () => {
      throw new Error('still broken');
    });
    await expect(processor.process(message(event))).resolves.toBe('dead_lettered');
    expect(letters).toHaveLength(1);
    expect(letters[0]).toMatchObject({ attempts: 3, error: 'Error: still broken' });
    expect(uow.inbox.size).toBe(0);
  });

  it('dead-letters a NonRetryableError on the first attempt', async () => {
    const { processor, letters, delays } = setup(async () => {
      throw new NonRetryableError('unknown product');
    });
    await expect(processor.process(message(event))).resolves.toBe('dead_lettered');
    expect(letters[0]).toMatchObject({ attempts: 1, error: 'NonRetryableError: unknown product' });
    expect(delays).toEqual([]);
  });

  it('rejects (so the offset is not committed) when the dead-letter publish fails', async () => {
    const { processor } = setup(async () => {
      throw new NonRetryableError('bad');
    });
    (processor as unknown as { options: { deadLetters: () => Promise<string> } }).options.deadLetters = async () => {
      throw new Error('broker down');
    };
    await expect(processor.process(message(event))).rejects.toThrow('broker down');
  });

  it('checks the catalog topic behind a test prefix', async () => {
    const { processor } = setup(async () => undefined, { topicPrefix: 'run42.' });
    await expect(processor.process(message(event, `run42.${Topics.OrderProcessing}`))).resolves.toBe('succeeded');
    await expect(processor.process(message(event, `run42.${Topics.OrderPayment}`))).resolves.toBe('dead_lettered');
  });

  it("uses the handler's own decode instead of the catalog, with the unprefixed topic and string headers", async () => {
    const handle = jest.fn(async () => undefined);
    const { processor, letters } = setup(handle, { topicPrefix: 'run42.' });
    const decoded = { ...event, type: 'Observed', payload: null };
    const decode = jest.fn(() => decoded);
    Object.assign((processor as unknown as { options: { handler: EventHandler } }).options.handler, { decode });
    await expect(processor.process(message('not json', `run42.${Topics.OrderProcessing}`))).resolves.toBe('succeeded');
    expect(decode).toHaveBeenCalledWith(
      expect.objectContaining({
        topic: Topics.OrderProcessing,
        partition: 2,
        offset: '41',
        value: Buffer.from('not json'),
        headers: { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' },
      }),
    );
    expect(handle).toHaveBeenCalledWith(decoded, expect.anything());
    expect(letters).toEqual([]);
  });
});

describe('MessageProcessor during a dependency outage', () => {
  const outage = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5433'), { code: 'ECONNREFUSED' });

  it('waits out an unreachable database instead of dead-lettering, then has one effect', async () => {
    let calls = 0;
    const handle = jest.fn(async () => {
      calls++;
      if (calls <= 6) throw outage();
    });
    const { processor, letters, delays } = setup(handle, { maxAttempts: 2 });
    await expect(processor.process(message(event))).resolves.toBe('succeeded');
    expect(letters).toHaveLength(0);
    expect(handle).toHaveBeenCalledTimes(7);
    expect(delays).toHaveLength(6);
  });

  it('tries a deadlocked transaction again without counting it toward the dead-letter limit', async () => {
    const deadlock = () => Object.assign(new Error('deadlock detected'), { code: '40P01' });
    let calls = 0;
    const handle = jest.fn(async () => {
      if (++calls <= 3) throw deadlock();
    });
    const { processor, letters, delays } = setup(handle, { maxAttempts: 1 });
    await expect(processor.process(message(event))).resolves.toBe('succeeded');
    expect(letters).toHaveLength(0);
    expect(handle).toHaveBeenCalledTimes(4);
    expect(delays).toHaveLength(3);
  });

  it('still dead-letters a handler bug after the configured attempts', async () => {
    const { processor, letters } = setup(
      jest.fn(async () => {
        throw new TypeError('cannot read properties of undefined');
      }),
      { maxAttempts: 2 },
    );
    await expect(processor.process(message(event))).resolves.toBe('dead_lettered');
    expect(letters).toHaveLength(1);
  });

  it('gives up without committing when the host stops during an outage', async () => {
    const uow = new InMemoryInboxUow();
    const processor = new MessageProcessor({
      handler: {
        name: 'ReserveStockOnOrderPlaced',
        event: OrderPlaced,
        handle: async () => {
          throw outage();
        },
      },
      handlerId: 'product.ReserveStockOnOrderPlaced',
      consumerGroup: 'product',
      uow,
      deadLetters: async () => 'never',
      logger: pino({ level: 'silent' }),
      retry: { maxAttempts: 2, initialDelayMs: 1, maxDelayMs: 1 },
      isStopping: () => true,
    });
    await expect(processor.process(message(event))).rejects.toThrow('ECONNREFUSED');
    expect(uow.inbox.size).toBe(0);
  });
});
