import { Envelope, findEventDefinition } from '@saga/contracts';
import { captureTraceContext, TraceCarrier } from '@saga/telemetry';

export interface OutboxRow {
  eventId: string;
  topic: string;
  messageKey: string;
  eventType: string;
  envelope: Envelope;
  headers: TraceCarrier;
}

export class UnknownEventError extends Error {
  constructor(type: string, version: number) {
    super(`refusing to append ${type} v${version}: no such event definition in @saga/contracts`);
    this.name = 'UnknownEventError';
  }
}

/**
 * Topic and key come from the event's definition, never from the caller, so a use case cannot put an
 * event on the wrong topic or break per-order ordering. `topicPrefix` only isolates test runs.
 */
export function toOutboxRow(event: Envelope, topicPrefix = ''): OutboxRow {
  const definition = findEventDefinition(event.type, event.version);
  if (!definition) throw new UnknownEventError(event.type, event.version);
  return {
    eventId: event.eventId,
    topic: `${topicPrefix}${definition.topic}`,
    messageKey: definition.keyOf(event),
    eventType: event.type,
    envelope: event,
    headers: captureTraceContext(),
  };
}
