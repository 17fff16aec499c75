import { Kafka, logLevel, type Admin, type KafkaMessage } from 'kafkajs';
import { createMissingTopics, TOPIC_CATALOG } from '@saga/contracts';
import { currentEndpoints } from './endpoints';
import { uniqueId } from './unique-id';

export function testKafka(clientId = uniqueId('test-client')): Kafka {
  return new Kafka({ clientId, brokers: currentEndpoints().kafkaBrokers, logLevel: logLevel.WARN });
}

/** Creates the topics that do not exist yet (idempotent) and waits for their leaders. */
export async function createTopics(names: string[], { partitions = 3 }: { partitions?: number } = {}): Promise<void> {
  await withAdmin(testKafka(), (admin) =>
    createMissingTopics(
      admin,
      names.map((name) => ({ name, partitions })),
    ),
  );
}

/** The catalog topics with their partitions and retention (what `pnpm infra up` creates). */
export async function ensureCatalogTopics(brokers: string[]): Promise<void> {
  const kafka = new Kafka({ clientId: 'test-harness-topics', brokers, logLevel: logLevel.WARN });
  await withAdmin(kafka, (admin) => createMissingTopics(admin, TOPIC_CATALOG));
}

export async function withAdmin<T>(kafka: Kafka, work: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.disconnect();
  }
}

export interface ReadMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
}

/**
 * Everything currently in the topic: reads from the beginning with a throwaway group until every partition
 * reached the high watermark taken at the start.
 */
export async function readAll(
  topic: string,
  { timeoutMs = 30_000 }: { timeoutMs?: number } = {},
): Promise<ReadMessage[]> {
  const kafka = testKafka();
  const admin = kafka.admin();
  await admin.connect();
  const ends = new Map<number, bigint>();
  try {
    for (const p of await admin.fetchTopicOffsets(topic)) {
      if (BigInt(p.high) > BigInt(p.low)) ends.set(p.partition, BigInt(p.high));
    }
  } finally {
    await admin.disconnect();
  }
  if (ends.size === 0) return [];
  const consumer = kafka.consumer({ groupId: uniqueId('read-all') });
  const messages: ReadMessage[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`readAll(${topic}) timed out after ${timeoutMs} ms`)), timeoutMs);
      consumer
        .run({
          // eachBatch, not eachMessage: lastOffset() also advances over transaction markers, which never
          // reach a message handler but do count towards the high watermark.
          eachBatch: async ({ batch }) => {
            const end = ends.get(batch.partition);
            if (end === undefined) return;
            for (const message of batch.messages) {
              if (BigInt(message.offset) < end) messages.push(toReadMessage(topic, batch.partition, message));
            }
            if (BigInt(batch.lastOffset()) >= end - 1n) ends.delete(batch.partition);
            if (ends.size === 0) {
              clearTimeout(timer);
              resolve();
            }
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
  return messages.sort((a, b) => a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)));
}

function toReadMessage(topic: string, partition: number, message: KafkaMessage): ReadMessage {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.map(String).join(',') : String(value);
  }
  return {
    topic,
    partition,
    offset: message.offset,
    key: message.key?.toString() ?? null,
    value: message.value?.toString() ?? null,
    headers,
  };
}
