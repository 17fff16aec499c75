import type { Envelope, EventDefinition, EventOf } from '@saga/contracts';

export interface MessageMeta {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  headers: Record<string, string>;
  /** 1 on the first try. */
  attempt: number;
  /** `<service>.<handler name>` (handlerIdOf). */
  handlerId: string;
}

/**
 * One reaction to one event. The handler names the contract it reacts to (`readonly event = OrderPlaced`);
 * the subscribed topic is `event.topic` and `handle` receives that contract's envelope, so the topic and
 * the handled type cannot disagree.
 */
export interface EventHandler<D extends EventDefinition = EventDefinition> {
  /** Reaction name, e.g. 'ReserveStockOnOrderPlaced'; unique in its service (its inbox key is `<service>.<name>`). */
  readonly name: string;
  /** The contract from `@saga/contracts`; its `topic` is what this handler consumes. */
  readonly event: D;
  /** Throw = transient, retried; throw NonRetryableError = dead-letter now. */
  handle(event: EventOf<D>, meta: MessageMeta): Promise<void>;
  /**
   * Optional: called after the event was dead-lettered (the DLQ publish succeeded), outside any handler
   * transaction, so a participant can give back what it held for the event (e.g. a reserved coupon unit).
   * Must be idempotent: when it throws, the message is not committed and is delivered (and may be
   * dead-lettered) again. Not called for messages that fail validation (there is no event).
   */
  onDeadLetter?(event: EventOf<D>, deadLetter: DeadLetterNotice, meta: MessageMeta): Promise<void>;
}

/** A consumed message before validation, as `DecodingHandler.decode` sees it (topic without the test-run prefix). */
export interface RawMessage {
  topic: string;
  partition: number;
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, string>;
  /** Kafka's record timestamp (ms since the epoch, as a string): the same on every read of the message. */
  timestamp?: string;
}

/**
 * A handler for a topic that is not one contract: a `.dlq` topic, or an observer that reads every event of a
 * topic (the explorer). It names the topic itself and turns each message into an envelope of its own with
 * `decode` instead of the catalog's `parseEvent`; throwing InvalidEventError there dead-letters the message.
 * `eventId` must be a UUID (the inbox key). Everything else (inbox, retries, DLQ, tracing) is as for EventHandler.
 */
export interface DecodingHandler<E extends Envelope = Envelope> {
  /** Reaction name, unique in its service. */
  readonly name: string;
  /** The subscribed topic, from Topics (or its `.dlq` twin). */
  readonly topic: string;
  decode(message: RawMessage): E;
  handle(event: E, meta: MessageMeta): Promise<void>;
  onDeadLetter?(event: E, deadLetter: DeadLetterNotice, meta: MessageMeta): Promise<void>;
}

/** What a consumer host runs: a contract handler, or one that decodes its own messages. */
export type MessageHandler = EventHandler | DecodingHandler;

/** The topic a handler subscribes to (without the test-run prefix). */
export function subscribedTopic(handler: MessageHandler): string {
  return 'event' in handler ? handler.event.topic : handler.topic;
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

/** The Kafka consumer group every instance of a service joins: one group per service, named `<service>`. */
export function consumerGroupOf(service: string): string {
  return service;
}

/**
 * A handler's identity within the platform, `<service>.<handler name>`: its inbox key
 * (`processed_message.consumer_group`, named when every handler had a group of its own) and the
 * `x-dlq-consumer-group` header of its dead letters. Renaming a handler gives it a fresh inbox: a
 * redelivered event would be handled again, so rename only together with its inbox rows.
 */
export function handlerIdOf(service: string, handler: Pick<MessageHandler, 'name'>): string {
  return `${service}.${handler.name}`;
}
