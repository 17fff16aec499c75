import { replayDeadLetters, replayMessageOf, type DeadLetterRecord } from '@saga/messaging';
import type { Kafka } from 'kafkajs';
import type { DeadLetterPublisher, ReplayPreview, StoredDeadLetter } from '../../application/ports/dead-letters';

/** The shared replay library (the one `pnpm dlq:replay` uses) over a stored dead letter. */
export class KafkaDeadLetterPublisher implements DeadLetterPublisher {
  constructor(private readonly kafka: Kafka) {}

  preview(letter: StoredDeadLetter): ReplayPreview | null {
    const message = replayMessageOf(toRecord(letter));
    if (!message) return null;
    return {
      topic: message.topic,
      key: message.key?.toString('utf8') ?? null,
      headers: message.headers,
      value: message.value?.toString('utf8') ?? null,
    };
  }

  async publish(letter: StoredDeadLetter): Promise<void> {
    await replayDeadLetters(this.kafka, [toRecord(letter)]);
  }
}

function toRecord(letter: StoredDeadLetter): DeadLetterRecord {
  return {
    deadLetterTopic: letter.deadLetterTopic,
    partition: letter.partition,
    offset: letter.offset,
    originalTopic: letter.originalTopic,
    consumerGroup: letter.consumerGroup,
    error: letter.error,
    attempts: letter.attempts,
    failedAt: letter.failedAt,
    eventId: letter.eventId,
    eventType: letter.eventType,
    orderId: letter.orderId,
    key: letter.key,
    value: letter.value,
    headers: letter.headers,
  };
}
