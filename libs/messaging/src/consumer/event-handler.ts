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

export interface EventHandler<E extends Envelope = Envelope> {
  /** Reaction name, e.g. 'ReserveStockOnOrderPlaced'; consumer group = `${service}.${name}`. */
  readonly name: string;
  /** From Topics. */
  readonly topic: string;
  /** Throw = transient, retried; throw NonRetryableError = dead-letter now. */
  handle(event: E, meta: MessageMeta): Promise<void>;
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
