import { eventProducerConfig } from '@saga/outbox';
import type { Kafka } from 'kafkajs';
import { withoutDeadLetterHeaders } from '../consumer/dead-letter';
import { DeadLetterRecord } from './dead-letter-record';

export const REPLAYED_FROM_HEADER = 'x-replayed-from';

/**
 * Re-publishes dead letters to their original topics with the original key, value (so eventId and
 * causationId are unchanged) and headers minus x-dlq-*. Every consumer group of that topic receives
 * it again; the groups that had already handled it skip it through their inbox.
 */
export async function replayDeadLetters(kafka: Kafka, records: readonly DeadLetterRecord[]): Promise<number> {
  const replayable = records.filter((record) => record.originalTopic !== null);
  if (replayable.length === 0) return 0;
  const producer = kafka.producer(eventProducerConfig());
  await producer.connect();
  try {
    for (const record of replayable) {
      await producer.send({
        topic: record.originalTopic!,
        acks: -1,
        messages: [
          {
            key: record.key,
            value: record.value,
            headers: {
              ...withoutDeadLetterHeaders(record.headers),
              [REPLAYED_FROM_HEADER]: `${record.deadLetterTopic}/${record.partition}/${record.offset}`,
            },
          },
        ],
      });
    }
  } finally {
    await producer.disconnect();
  }
  return replayable.length;
}
