/** A message of a `.dlq` topic as stored: origin from the x-dlq-* headers, identity from the envelope when readable. */
export interface StoredDeadLetter {
  /** `<dead-letter topic>:<partition>:<offset>`. */
  id: string;
  deadLetterTopic: string;
  partition: number;
  offset: string;
  originalTopic: string | null;
  originalPartition: number | null;
  originalOffset: string | null;
  consumerGroup: string | null;
  error: string | null;
  attempts: number | null;
  failedAt: Date | null;
  eventId: string | null;
  eventType: string | null;
  orderId: string | null;
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, string>;
}

export interface DeadLetterReplayRecord {
  replayedBy: string;
  replayedAt: Date;
  targetTopic: string;
}

export type DeadLetterView = StoredDeadLetter & { recordedAt: Date; replays: DeadLetterReplayRecord[] };

export interface DeadLetterPage {
  after?: { recordedAt: Date; id: string };
  limit: number;
  originalTopic?: string;
  consumerGroup?: string;
  orderId?: string;
}

export interface DeadLetterReadModel {
  list(page: DeadLetterPage): Promise<DeadLetterView[]>;
  find(id: string): Promise<DeadLetterView | null>;
}

/** What replaying publishes: the original topic, key, value and headers minus x-dlq-* (the shared replay library). */
export interface ReplayPreview {
  topic: string;
  key: string | null;
  headers: Record<string, string>;
  /** The message value as text (the event's JSON, or the poison bytes as UTF-8). */
  value: string | null;
}

export interface DeadLetterPublisher {
  /** null when the dead letter has no original topic. */
  preview(letter: StoredDeadLetter): ReplayPreview | null;
  publish(letter: StoredDeadLetter): Promise<void>;
}

export const DEAD_LETTER_READ_MODEL = Symbol('DeadLetterReadModel');
export const DEAD_LETTER_PUBLISHER = Symbol('DeadLetterPublisher');
