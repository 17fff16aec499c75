import { DeadLetterHeaders } from '../consumer/dead-letter';

export interface DeadLetterRecord {
  deadLetterTopic: string;
  partition: number;
  offset: string;
  originalTopic: string | null;
  consumerGroup: string | null;
  error: string | null;
  attempts: number | null;
  failedAt: Date | null;
  /** From the envelope when the value is JSON; null for poison messages. */
  eventId: string | null;
  eventType: string | null;
  orderId: string | null;
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, string>;
}

export interface DeadLetterFilter {
  originalTopic?: string;
  consumerGroup?: string;
  eventType?: string;
  orderId?: string;
  /** Inclusive bounds on x-dlq-failed-at. */
  since?: Date;
  until?: Date;
}

export function toDeadLetterRecord(
  deadLetterTopic: string,
  partition: number,
  message: { offset: string; key: Buffer | null; value: Buffer | null },
  headers: Record<string, string>,
): DeadLetterRecord {
  const envelope = parseLoosely(message.value);
  const failedAt = headers[DeadLetterHeaders.failedAt];
  const attempts = headers[DeadLetterHeaders.attempts];
  return {
    deadLetterTopic,
    partition,
    offset: message.offset,
    originalTopic: headers[DeadLetterHeaders.originalTopic] ?? null,
    consumerGroup: headers[DeadLetterHeaders.consumerGroup] ?? null,
    error: headers[DeadLetterHeaders.error] ?? null,
    attempts: attempts === undefined ? null : Number(attempts),
    failedAt: failedAt === undefined ? null : new Date(failedAt),
    eventId: stringField(envelope, 'eventId'),
    eventType: stringField(envelope, 'type'),
    orderId: stringField(envelope, 'orderId'),
    key: message.key,
    value: message.value,
    headers,
  };
}

export function matchesFilter(record: DeadLetterRecord, filter: DeadLetterFilter): boolean {
  if (filter.originalTopic !== undefined && record.originalTopic !== filter.originalTopic) return false;
  if (filter.consumerGroup !== undefined && record.consumerGroup !== filter.consumerGroup) return false;
  if (filter.eventType !== undefined && record.eventType !== filter.eventType) return false;
  if (filter.orderId !== undefined && record.orderId !== filter.orderId) return false;
  if (filter.since && (!record.failedAt || record.failedAt < filter.since)) return false;
  if (filter.until && (!record.failedAt || record.failedAt > filter.until)) return false;
  return true;
}

function parseLoosely(value: Buffer | null): Record<string, unknown> | null {
  if (!value) return null;
  try {
    const parsed: unknown = JSON.parse(value.toString('utf8'));
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function stringField(object: Record<string, unknown> | null, field: string): string | null {
  const value = object?.[field];
  return typeof value === 'string' ? value : null;
}
