import { createHash } from 'node:crypto';
import { InvalidEventError, parseEvent, type Envelope } from '@saga/contracts';
import { toDeadLetterRecord, type DeadLetterRecord, type RawMessage } from '@saga/messaging';

/** What the explorer saw on a topic, whether the catalog accepts it or not. */
export type Observation =
  | { kind: 'EVENT'; event: Envelope }
  | {
      kind: 'INVALID';
      error: string;
      eventType: string;
      eventId: string | null;
      occurredAt: Date;
    }
  | { kind: 'DEAD_LETTER'; id: string; record: DeadLetterRecord };

/** The wrapper's unit of work: an envelope whose eventId is the inbox key. */
export type Observed = Envelope<'Observed', Observation>;

/**
 * A saga-topic message as an observation: a valid event keeps its eventId (a replayed copy is then a duplicate);
 * a poison or unknown one is kept with the validation error, keyed by its position (stable across redeliveries
 * and rebuilds), its order taken from the envelope when readable, else from the Kafka key (saga events are keyed by orderId).
 */
export function observeSagaMessage(message: RawMessage): Observed {
  try {
    const event = parseEvent(message.topic, message.value);
    return observed(event.eventId, event.orderId ?? keyOf(message), { kind: 'EVENT', event });
  } catch (error) {
    if (!(error instanceof InvalidEventError)) throw error;
    const loose = looseJson(message.value);
    // its own time when readable, else Kafka's (never the time of reading: a rebuild must place it the same)
    const recordedAt = new Date(Number(message.timestamp ?? 0));
    const occurredAt = new Date(stringField(loose, 'occurredAt') ?? recordedAt);
    return observed(positionId(message), stringField(loose, 'orderId') ?? keyOf(message), {
      kind: 'INVALID',
      error: `invalid event: ${error.message}`,
      eventType: stringField(loose, 'type') ?? '(unreadable)',
      eventId: stringField(loose, 'eventId'),
      occurredAt: Number.isNaN(occurredAt.getTime()) ? recordedAt : occurredAt,
    });
  }
}

/** A `.dlq` message (the shared replay library's reading of it), keyed by its position: one event may be dead-lettered by several groups. */
export function observeDeadLetter(message: RawMessage): Observed {
  const record = toDeadLetterRecord(message.topic, message.partition, message, message.headers);
  const id = `${message.topic}:${message.partition}:${message.offset}`;
  return observed(positionId(message), record.orderId, { kind: 'DEAD_LETTER', id, record });
}

function observed(eventId: string, orderId: string | null, payload: Observation): Observed {
  return {
    eventId,
    type: 'Observed',
    version: 1,
    occurredAt: new Date().toISOString(),
    orderId,
    causationId: null,
    payload,
  };
}

/** A name-based UUID (version 5 layout over SHA-1) of the message's position: the inbox needs a UUID. */
export function positionId(message: Pick<RawMessage, 'topic' | 'partition' | 'offset'>): string {
  const bytes = createHash('sha1').update(`${message.topic}:${message.partition}:${message.offset}`).digest();
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function keyOf(message: RawMessage): string | null {
  return message.key && message.key.length > 0 ? message.key.toString('utf8') : null;
}

function looseJson(value: Buffer | null): Record<string, unknown> | null {
  try {
    const parsed: unknown = value ? JSON.parse(value.toString('utf8')) : null;
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function stringField(object: Record<string, unknown> | null, name: string): string | null {
  const value = object?.[name];
  return typeof value === 'string' && value.length > 0 ? value : null;
}
