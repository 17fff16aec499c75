import { eventProducerConfig } from '@saga/outbox';
import type { Kafka } from 'kafkajs';
import { withoutDeadLetterHeaders } from '../consumer/dead-letter';
import { DeadLetterRecord } from './dead-letter-record';

export const REPLAYED_FROM_HEADER = 'x-replayed-from';

export interface ReplayMessage {
  topic: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, string>;
}

/**
 * What replaying one dead letter publishes (null when its original topic is unknown): the original topic,
 * key and value (so eventId and causationId are unchanged), the headers minus x-dlq-*, plus where it came from.
 * A dry run shows exactly this.
 */
export function replayMessageOf(record: DeadLetterRecord): ReplayMessage | null {
  if (record.originalTopic === null) return null;
  return {
    topic: record.originalTopic,
    key: record.key,
    value: record.value,
    headers: {
      ...withoutDeadLetterHeaders(record.headers),
      [REPLAYED_FROM_HEADER]: `${record.deadLetterTopic}/${record.partition}/${record.offset}`,
    },
  };
}

/**
 * Re-publishes dead letters to their original topics (`replayMessageOf`). Every consumer group of that
 * topic receives it again; the groups that had already handled it skip it through their inbox.
 */
export async function replayDeadLetters(kafka: Kafka, records: readonly DeadLetterRecord[]): Promise<number> {
  const messages = records.map(replayMessageOf).filter((message) => message !== null);
  if (messages.length === 0) return 0;
  const producer = kafka.producer(eventProducerConfig());
  await producer.connect();
  try {
    for (const { topic, key, value, headers } of messages) {
      await producer.send({ topic, acks: -1, messages: [{ key, value, headers }] });
    }
  } finally {
    await producer.disconnect();
  }
  return messages.length;
}
