import { randomUUID } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import { headersToStrings } from '../consumer/headers';
import { DeadLetterFilter, DeadLetterRecord, matchesFilter, toDeadLetterRecord } from './dead-letter-record';

/**
 * Reads a dead-letter topic from its start (or from `filter.since` by timestamp) up to the end offsets
 * seen when reading began. A throwaway consumer group is used and deleted afterwards, so every run,
 * dry or not, sees every dead letter and no offsets are left behind.
 */
export async function readDeadLetters(
  kafka: Kafka,
  deadLetterTopic: string,
  filter: DeadLetterFilter = {},
  options: { timeoutMs?: number } = {},
): Promise<DeadLetterRecord[]> {
  const admin = kafka.admin();
  await admin.connect();
  const groupId = `dlq-replay.${randomUUID()}`;
  const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false });
  try {
    const ends = await admin.fetchTopicOffsets(deadLetterTopic);
    const starts = filter.since
      ? await admin.fetchTopicOffsetsByTimestamp(deadLetterTopic, filter.since.getTime())
      : ends.map(({ partition, low }) => ({ partition, offset: low }));
    const remaining = new Map<number, bigint>();
    for (const { partition, high } of ends) {
      const start = BigInt(starts.find((s) => s.partition === partition)?.offset ?? '0');
      if (start >= 0n && BigInt(high) > start) remaining.set(partition, BigInt(high));
    }
    const records = new Map<string, DeadLetterRecord>();
    if (remaining.size === 0) return [];

    await consumer.connect();
    await consumer.subscribe({ topics: [deadLetterTopic], fromBeginning: true });
    let done!: () => void;
    const finished = new Promise<void>((resolve) => (done = resolve));
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ partition, message }) => {
        const end = remaining.get(partition);
        if (end === undefined || BigInt(message.offset) >= end) return;
        const record = toDeadLetterRecord(deadLetterTopic, partition, message, headersToStrings(message.headers));
        // keyed by position: a message read before the seek below took effect is read again after it
        if (matchesFilter(record, filter)) records.set(`${partition}:${message.offset}`, record);
        if (BigInt(message.offset) + 1n >= end) remaining.delete(partition);
        if (remaining.size === 0) done();
      },
    });
    for (const { partition, offset } of starts) {
      if (remaining.has(partition)) consumer.seek({ topic: deadLetterTopic, partition, offset });
    }
    await withTimeout(finished, options.timeoutMs ?? 30_000, () => `timed out reading ${deadLetterTopic}`);
    return [...records.values()].sort(
      (a, b) => a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)),
    );
  } finally {
    await consumer.disconnect().catch(() => undefined);
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.disconnect();
  }
}

async function withTimeout(promise: Promise<void>, ms: number, message: () => string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message())), ms);
  });
  try {
    await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
