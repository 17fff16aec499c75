import { EnvelopeBase } from './envelope';
import { describeIssues, Envelope, EventDefinition, InvalidEventError } from './define-event';
import { ALL_EVENTS } from './events';

const byTypeAndVersion = new Map<string, EventDefinition>();
for (const definition of ALL_EVENTS as readonly EventDefinition[]) {
  byTypeAndVersion.set(`${definition.type}@${definition.version}`, definition);
}

export function findEventDefinition(type: string, version: number): EventDefinition | undefined {
  return byTypeAndVersion.get(`${type}@${version}`);
}

/** Event definitions that may appear on a topic (several versions of one type may coexist). */
export function eventsOnTopic(topic: string): EventDefinition[] {
  return [...byTypeAndVersion.values()].filter((d) => d.topic === topic);
}

/**
 * Parses raw bytes from a topic into a validated envelope. Throws InvalidEventError with the field
 * paths when the message is not JSON, not an envelope, of an unknown type/version, or on the wrong topic.
 */
export function parseEvent(topic: string, raw: Buffer | string | null): Envelope {
  if (raw === null) throw new InvalidEventError('message has no value', []);
  let json: unknown;
  try {
    json = JSON.parse(typeof raw === 'string' ? raw : raw.toString('utf8'));
  } catch (error) {
    throw new InvalidEventError(`message is not JSON: ${(error as Error).message}`, []);
  }
  const base = EnvelopeBase.safeParse(json);
  if (!base.success) {
    throw new InvalidEventError(`invalid envelope: ${describeIssues(base.error.issues)}`, base.error.issues);
  }
  const definition = findEventDefinition(base.data.type, base.data.version);
  if (!definition) {
    throw new InvalidEventError(`unknown event ${base.data.type} v${base.data.version}`, []);
  }
  if (definition.topic !== topic) {
    throw new InvalidEventError(`${definition.type} does not belong on topic ${topic}`, []);
  }
  const full = definition.schema.safeParse(json);
  if (!full.success) {
    throw new InvalidEventError(
      `invalid ${definition.type} v${definition.version}: ${describeIssues(full.error.issues)}`,
      full.error.issues,
    );
  }
  return full.data;
}
