/**
 * CPU cost of recording metrics on the hot path (no infrastructure; issue 14).
 *
 *   pnpm --filter @saga/messaging bench:metrics
 *
 * 1. Each recorder alone: ns of CPU per call.
 * 2. MessageProcessor.process (validation, span, inbox, handler; in-memory unit of work) with and
 *    without the consumer metrics: CPU per message and the difference.
 * 3. One scrape (render of the registry) with the series of a busy service.
 */
import { createEvent, OrderPlaced, Topics } from '@saga/contracts';
import {
  enableServiceMetrics,
  prometheusConsumerMetrics,
  prometheusOutboxMetrics,
  recordHttpRequest,
  renderMetrics,
} from '@saga/metrics';
import { SqlExecutor, UnitOfWork } from '@saga/outbox';
import pino from 'pino';
import { MessageProcessor } from '../src/consumer/message-processor';

function cpuNsPerOp(ops: number, work: (i: number) => void): number {
  for (let i = 0; i < Math.min(ops, 20_000); i++) work(i); // warm-up
  const start = process.cpuUsage();
  for (let i = 0; i < ops; i++) work(i);
  const used = process.cpuUsage(start);
  return ((used.user + used.system) * 1000) / ops;
}

async function cpuUsPerMessage(processor: MessageProcessor, messages: number): Promise<number> {
  const values = Array.from({ length: messages + 2_000 }, () =>
    Buffer.from(
      JSON.stringify(
        createEvent(OrderPlaced, {
          orderId: 'order-1',
          causationId: null,
          payload: { userId: 'u', items: [{ productId: 'p', quantity: 1, unitPrice: 5 }], couponId: null, subtotal: 5 },
        }),
      ),
    ),
  );
  const process1 = (i: number) =>
    processor.process({ topic: Topics.OrderProcessing, partition: 0, offset: String(i), key: null, value: values[i] });
  for (let i = 0; i < 2_000; i++) await process1(messages + i); // warm-up
  const start = process.cpuUsage();
  for (let i = 0; i < messages; i++) await process1(i);
  const used = process.cpuUsage(start);
  return (used.user + used.system) / messages;
}

class InMemoryInbox implements UnitOfWork<SqlExecutor> {
  private readonly seen = new Set<string>();
  async run<T>(work: (tx: SqlExecutor, outbox: never) => Promise<T>): Promise<T> {
    const tx: SqlExecutor = {
      execute: async (_sql, group, eventId) => {
        const key = `${group}/${eventId}`;
        if (this.seen.has(key)) return 0;
        this.seen.add(key);
        return 1;
      },
      query: async () => [] as never,
    };
    return work(tx, undefined as never);
  }
}

function processor(withMetrics: boolean): MessageProcessor {
  return new MessageProcessor({
    handler: { name: 'Bench', event: OrderPlaced, handle: async () => undefined },
    consumerGroup: 'bench.Bench',
    uow: new InMemoryInbox(),
    deadLetters: async () => 'dlq',
    logger: pino({ level: 'silent' }),
    retry: { maxAttempts: 3, initialDelayMs: 1, maxDelayMs: 1 },
    metrics: withMetrics ? prometheusConsumerMetrics.forHandler('bench', 'Bench', Topics.OrderProcessing) : undefined,
  });
}

async function main(): Promise<void> {
  enableServiceMetrics('bench');
  const ops = 2_000_000;
  const consumer = prometheusConsumerMetrics.forHandler('order', 'CancelOrderOnPaymentFailed', 'payment.fail');
  const rows = [{ createdAt: new Date(Date.now() - 12) }];
  const recorders = {
    'consumer handled(outcome, seconds)': cpuNsPerOp(ops, (i) => consumer.handled('succeeded', (i % 100) / 1000)),
    'http request (cached label child)': cpuNsPerOp(ops, (i) =>
      recordHttpRequest('POST', '/orders', 202, (i % 100) / 1000),
    ),
    'outbox published (1 row)': cpuNsPerOp(ops, () => prometheusOutboxMetrics.published(rows, Date.now())),
  };
  console.log('recorder CPU per call:');
  for (const [name, ns] of Object.entries(recorders)) console.log(`  ${name.padEnd(40)} ${ns.toFixed(0)} ns`);

  const messages = 50_000;
  const rounds = 3;
  const without: number[] = [];
  const withMetrics: number[] = [];
  for (let round = 0; round < rounds; round++) {
    without.push(await cpuUsPerMessage(processor(false), messages));
    withMetrics.push(await cpuUsPerMessage(processor(true), messages));
  }
  const best = (xs: number[]) => Math.min(...xs);
  console.log(`MessageProcessor.process, ${messages} messages x ${rounds} rounds (best round):`);
  console.log(
    `  without metrics  ${best(without).toFixed(2)} us CPU/message  (${without.map((x) => x.toFixed(2)).join(', ')})`,
  );
  console.log(
    `  with metrics     ${best(withMetrics).toFixed(2)} us CPU/message  (${withMetrics.map((x) => x.toFixed(2)).join(', ')})`,
  );
  console.log(`  difference       ${(best(withMetrics) - best(without)).toFixed(2)} us/message`);

  // a busy service: 20 handlers, 30 routes x 3 status classes
  for (let g = 0; g < 20; g++)
    prometheusConsumerMetrics.forHandler('svc', `Handler${g}`, 'topic').handled('succeeded', 0.01);
  for (let r = 0; r < 30; r++) for (const s of [200, 404, 500]) recordHttpRequest('GET', `/route/${r}`, s, 0.01);
  const scrapes = 200;
  const start = process.cpuUsage();
  let bytes = 0;
  for (let i = 0; i < scrapes; i++) bytes = (await renderMetrics()).body.length;
  const used = process.cpuUsage(start);
  console.log(`scrape render: ${((used.user + used.system) / scrapes / 1000).toFixed(2)} ms CPU, ${bytes} bytes`);
}

void main();
