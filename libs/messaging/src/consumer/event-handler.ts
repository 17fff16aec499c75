import { Envelope } from '@saga/contracts';

export interface MessageMeta {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  headers: Record<string, string>;
  /** 1 on the first try. */
  attempt: number;
  consumerGroup: string;
}

/** A consumed message before validation, as `EventHandler.decode` sees it (topic without the test-run prefix). */
export interface RawMessage {
  topic: string;
  partition: number;
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, string>;
}

export interface EventHandler<E extends Envelope = Envelope> {
  /** Reaction name, e.g. 'ReserveStockOnOrderPlaced'; consumer group = `${service}.${name}`. */
  readonly name: string;
  /** From Topics. */
  readonly topic: string;
  /**
   * Optional: how this handler turns a message into an event; default `parseEvent` against the catalog.
   * Throwing InvalidEventError dead-letters the message. An observer (the explorer) decodes messages the
   * catalog refuses (poison, dead letters) into events of its own instead; `eventId` must be a UUID (inbox key).
   */
  decode?(message: RawMessage): E;
  /** Throw = transient, retried; throw NonRetryableError = dead-letter now. */
  handle(event: E, meta: MessageMeta): Promise<void>;
  /**
   * Optional: called after the event was dead-lettered (the DLQ publish succeeded), outside any handler
   * transaction, so a participant can give back what it held for the event (e.g. a reserved coupon unit).
   * Must be idempotent: when it throws, the message is not committed and is delivered (and may be
   * dead-lettered) again. Not called for messages that fail validation (there is no event).
   */
  onDeadLetter?(event: E, deadLetter: DeadLetterNotice, meta: MessageMeta): Promise<void>;
}

export interface DeadLetterNotice {
  /** The dead-letter topic the message went to. */
  topic: string;
  /** The last error, as written to x-dlq-error. */
  reason: string;
  attempts: number;
}

/** A failure that retrying cannot fix (a bug, a business rule that will never pass): dead-letter at once. */
export class NonRetryableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'NonRetryableError';
  }
}

export function consumerGroupOf(service: string, handler: Pick<EventHandler, 'name'>): string {
  return `${service}.${handler.name}`;
}
