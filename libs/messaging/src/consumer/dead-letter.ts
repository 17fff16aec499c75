import { deadLetterTopicOf } from '@saga/contracts';
import type { IHeaders, Producer } from 'kafkajs';

export const DeadLetterHeaders = {
  originalTopic: 'x-dlq-original-topic',
  originalPartition: 'x-dlq-original-partition',
  originalOffset: 'x-dlq-original-offset',
  consumerGroup: 'x-dlq-consumer-group',
  error: 'x-dlq-error',
  attempts: 'x-dlq-attempts',
  failedAt: 'x-dlq-failed-at',
} as const;

export const DEAD_LETTER_HEADER_PREFIX = 'x-dlq-';

export interface DeadLetter {
  topic: string;
  partition: number;
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, string>;
  /** The failing handler, `<service>.<handler>` (handlerIdOf); the header name predates one group per service. */
  consumerGroup: string;
  error: string;
  attempts: number;
}

const MAX_ERROR_LENGTH = 4000;

/** Same key and value; original headers plus where it came from and why it failed. */
export async function publishDeadLetter(producer: Producer, letter: DeadLetter, now = new Date()): Promise<string> {
  const topic = deadLetterTopicOf(letter.topic);
  const headers: IHeaders = {
    ...withoutDeadLetterHeaders(letter.headers),
    [DeadLetterHeaders.originalTopic]: letter.topic,
    [DeadLetterHeaders.originalPartition]: String(letter.partition),
    [DeadLetterHeaders.originalOffset]: letter.offset,
    [DeadLetterHeaders.consumerGroup]: letter.consumerGroup,
    [DeadLetterHeaders.error]: letter.error.slice(0, MAX_ERROR_LENGTH),
    [DeadLetterHeaders.attempts]: String(letter.attempts),
    [DeadLetterHeaders.failedAt]: now.toISOString(),
  };
  await producer.send({ topic, acks: -1, messages: [{ key: letter.key, value: letter.value, headers }] });
  return topic;
}

export function withoutDeadLetterHeaders<T>(headers: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !name.startsWith(DEAD_LETTER_HEADER_PREFIX)));
}
