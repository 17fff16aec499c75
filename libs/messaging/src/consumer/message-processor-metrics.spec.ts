import { createEvent, OrderPlaced, Topics } from '@saga/contracts';
import { ConsumerMetrics } from '@saga/metrics';
import { SqlExecutor, UnitOfWork } from '@saga/outbox';
import pino from 'pino';
import { EventHandler, NonRetryableError } from './event-handler';
import { MessageProcessor } from './message-processor';
import { redelivering } from './testing/process-until-done';

/** Inbox in memory, recorded only when the work succeeds. */
class InMemoryInboxUow implements UnitOfWork<SqlExecutor> {
  readonly inbox = new Set<string>();
  async run<T>(work: (tx: SqlExecutor, outbox: never) => Promise<T>): Promise<T> {
    let pending: string | null = null;
    const tx: SqlExecutor = {
      execute: async (_sql, group, eventId) => {
        const key = `${group}/${eventId}`;
        if (this.inbox.has(key)) return 0;
        pending = key;
        return 1;
      },
      query: async () => [] as never,
    };
    const result = await work(tx, undefined as never);
    if (pending) this.inbox.add(pending);
    return result;
  }
}

class RecordingConsumerMetrics implements ConsumerMetrics {
  readonly calls: string[] = [];
  readonly durations: number[] = [];
  handled(outcome: string, seconds: number): void {
    this.calls.push(`handled:${outcome}`);
    this.durations.push(seconds);
  }
  retried(): void {
    this.calls.push('retried');
  }
  deadLettered(cause: string): void {
    this.calls.push(`dead_lettered:${cause}`);
  }
  lag(): void {
    this.calls.push('lag');
  }
}

const event = createEvent(OrderPlaced, {
  orderId: 'order-1',
  causationId: null,
  payload: { userId: 'u', items: [{ productId: 'p', quantity: 1, unitPrice: 5 }], couponId: null, subtotal: 5 },
});
const message = (value: unknown) => ({
  topic: Topics.OrderProcessing,
  partition: 0,
  offset: '7',
  key: Buffer.from('order-1'),
  value: Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)),
});

function setup(handle: EventHandler<typeof OrderPlaced>['handle']) {
  const metrics = new RecordingConsumerMetrics();
  const processor = new MessageProcessor({
    handler: { name: 'ReserveStockOnOrderPlaced', event: OrderPlaced, handle },
    handlerId: 'product.ReserveStockOnOrderPlaced',
    consumerGroup: 'product',
    uow: new InMemoryInboxUow(),
    deadLetters: async (letter) => `${letter.topic}.dlq`,
    logger: pino({ level: 'silent' }),
    retry: { maxAttempts: 3, initialDelayMs: 1, maxDelayMs: 1 },
    metrics,
  });
  return { processor: redelivering(processor), metrics };
}

describe('MessageProcessor metrics hook', () => {
  it('records one outcome per message with its duration: succeeded, then duplicate', async () => {
    const { processor, metrics } = setup(async () => undefined);
    await processor.process(message(event));
    await processor.process(message(event));
    expect(metrics.calls).toEqual(['handled:succeeded', 'handled:duplicate']);
    expect(metrics.durations.every((seconds) => seconds >= 0 && seconds < 60)).toBe(true);
  });

  it('records each retry, then the dead letter with its cause and the dead_lettered outcome', async () => {
    const { processor, metrics } = setup(async () => {
      throw new Error('boom');
    });
    await expect(processor.process(message(event))).resolves.toBe('dead_lettered');
    expect(metrics.calls).toEqual(['retried', 'retried', 'dead_lettered:handler_failed', 'handled:dead_lettered']);
  });

  it('records an invalid event as dead-lettered without retries', async () => {
    const { processor, metrics } = setup(async () => undefined);
    await processor.process(message('{not json'));
    expect(metrics.calls).toEqual(['dead_lettered:invalid_event', 'handled:dead_lettered']);
  });

  it('does not count a non-retryable failure as a retry', async () => {
    const { processor, metrics } = setup(async () => {
      throw new NonRetryableError('bad');
    });
    await processor.process(message(event));
    expect(metrics.calls).toEqual(['dead_lettered:handler_failed', 'handled:dead_lettered']);
  });
});
