import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { EnvelopeBase } from './envelope';

export interface EventDefinition<TType extends string = string, TPayload extends z.ZodType = z.ZodType> {
  type: TType;
  version: number;
  topic: string;
  payload: TPayload;
  /** Full envelope schema with this event's literal type, version and payload. */
  schema: z.ZodType<Envelope<TType, z.infer<TPayload>>>;
  /** Kafka message key: orderId for saga events, so one order's events keep their order. */
  keyOf(event: Envelope<TType, z.infer<TPayload>>): string;
}

export interface Envelope<TType extends string = string, TPayload = unknown> {
  eventId: string;
  type: TType;
  version: number;
  occurredAt: string;
  orderId: string | null;
  causationId: string | null;
  payload: TPayload;
}

export type EventOf<D> = D extends EventDefinition<infer T, infer P> ? Envelope<T, z.infer<P>> : never;

export function defineEvent<TType extends string, TPayload extends z.ZodType>(spec: {
  type: TType;
  version: number;
  topic: string;
  payload: TPayload;
  keyOf?: (event: Envelope<TType, z.infer<TPayload>>) => string;
}): EventDefinition<TType, TPayload> {
  const schema = EnvelopeBase.extend({
    type: z.literal(spec.type),
    version: z.literal(spec.version),
    payload: spec.payload,
  }) as unknown as z.ZodType<Envelope<TType, z.infer<TPayload>>>;
  return {
    type: spec.type,
    version: spec.version,
    topic: spec.topic,
    payload: spec.payload,
    schema,
    keyOf:
      spec.keyOf ??
      ((event) => {
        if (!event.orderId) throw new Error(`${spec.type} needs an orderId to be keyed`);
        return event.orderId;
      }),
  };
}

export class InvalidEventError extends Error {
  constructor(
    message: string,
    readonly issues: z.core.$ZodIssue[],
  ) {
    super(message);
    this.name = 'InvalidEventError';
  }
}

export function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
}

/**
 * Builds and validates an event before it is written anywhere: a bad event never reaches the outbox.
 */
export function createEvent<TType extends string, TPayload extends z.ZodType>(
  definition: EventDefinition<TType, TPayload>,
  args: {
    orderId: string | null;
    causationId: string | null;
    payload: z.input<TPayload>;
    eventId?: string;
    occurredAt?: Date;
  },
): Envelope<TType, z.infer<TPayload>> {
  const candidate = {
    eventId: args.eventId ?? randomUUID(),
    type: definition.type,
    version: definition.version,
    occurredAt: (args.occurredAt ?? new Date()).toISOString(),
    orderId: args.orderId,
    causationId: args.causationId,
    payload: args.payload,
  };
  const result = definition.schema.safeParse(candidate);
  if (!result.success) {
    throw new InvalidEventError(
      `refusing to emit invalid ${definition.type} v${definition.version}: ${describeIssues(result.error.issues)}`,
      result.error.issues,
    );
  }
  return result.data;
}
