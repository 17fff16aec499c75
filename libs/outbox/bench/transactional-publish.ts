/**
 * Cost of the relay's fencing: one batch published with the idempotent producer (sendBatch) vs. in a
 * Kafka transaction (the relay's leadership-term producer: AddPartitionsToTxn + produce + EndTxn).
 *
 *   pnpm --filter @saga/outbox exec tsx --tsconfig tsconfig.run.json bench/transactional-publish.ts [--batches 200] [--size 10] [--retry-ms 100]
 *
 * Needs the dev infrastructure (`pnpm infra up`). Prints median and p95 per batch; not a test.
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import { eventProducerConfig } from '../src';
import { createTopics, currentEndpoints, uniqueId } from '@saga/test-harness';

const { values } = parseArgs({
  options: {
    batches: { type: 'string', default: '200' },
    size: { type: 'string', default: '10' },
    'retry-ms': { type: 'string', default: '100' },
  },
});
const batches = Number(values.batches);
const size = Number(values.size);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

async function main(): Promise<void> {
  const topic = `${uniqueId('bench-txn')}.events`;
  await createTopics([topic]);
  // the retry start matters: a transaction begun right after a commit is answered CONCURRENT_TRANSACTIONS
  // until the broker has written the previous one's markers, and kafkajs waits a retry interval
  const kafka = new Kafka({
    clientId: uniqueId('bench-txn'),
    brokers: currentEndpoints().kafkaBrokers,
    logLevel: logLevel.NOTHING,
    retry: { initialRetryTime: Number(values['retry-ms']), maxRetryTime: 2000, retries: 10 },
  });
  const idempotent = kafka.producer(eventProducerConfig());
  const transactional = kafka.producer({ ...eventProducerConfig(), transactionalId: uniqueId('bench-txn') });
  await Promise.all([idempotent.connect(), transactional.connect()]);
  const batch = (n: number) => ({
    topicMessages: [
      { topic, messages: Array.from({ length: size }, (_, i) => ({ key: `k-${i % 7}`, value: `v-${n}-${i}` })) },
    ],
    acks: -1,
  });
  const timings: Record<string, number[]> = { idempotent: [], transactional: [] };
  for (let n = 0; n < batches; n++) {
    let start = performance.now();
    await idempotent.sendBatch(batch(n));
    timings.idempotent.push(performance.now() - start);
    start = performance.now();
    const transaction = await transactional.transaction();
    await transaction.sendBatch(batch(n));
    await transaction.commit();
    timings.transactional.push(performance.now() - start);
  }
  for (const [name, values] of Object.entries(timings)) {
    const sorted = values.slice(10).sort((a, b) => a - b);
    console.log(
      `${name.padEnd(13)} batch of ${size}: median ${percentile(sorted, 0.5).toFixed(2)} ms, p95 ${percentile(sorted, 0.95).toFixed(2)} ms`,
    );
  }
  await Promise.all([idempotent.disconnect(), transactional.disconnect()]);
}

void main();
