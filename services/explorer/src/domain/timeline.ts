import {
  failureReasonOf,
  isCompensation,
  producerOf,
  serviceOfConsumerGroup,
  terminalStateOf,
  userIdOf,
} from './saga-catalog';

export type EntryKind = 'EVENT' | 'INVALID' | 'DEAD_LETTER';
export type SagaState = 'IN_FLIGHT' | 'COMPLETED' | 'CANCELLED';
/** What a reader sees: OVERDUE is IN_FLIGHT past the deadline, decided at read time. */
export type SagaStatus = SagaState | 'OVERDUE';

/** One line of a saga's timeline. */
export interface TimelineEntry {
  orderId: string;
  kind: EntryKind;
  eventId: string | null;
  eventType: string;
  topic: string;
  partition: number;
  offset: string;
  /** Lane: the producing service for events, the failing consumer's service for dead letters. */
  service: string;
  occurredAt: Date;
  causationId: string | null;
  failureReason: string | null;
  compensation: boolean;
  traceId: string | null;
  /** Validation error (INVALID) or the consumer's last error (DEAD_LETTER). */
  error: string | null;
  deadLetterId: string | null;
}

/** What one timeline entry tells about its saga; merged into the saga row whatever order entries arrive in. */
export interface SagaContribution {
  orderId: string;
  userId: string | null;
  occurredAt: Date;
  /** From OrderPlaced only: the saga's start and deadline. */
  placedAt: Date | null;
  deadlineAt: Date | null;
  terminal: 'COMPLETED' | 'CANCELLED' | null;
  failureReason: string | null;
  traceId: string | null;
  deadLetter: boolean;
}

export interface ObservedEvent {
  orderId: string;
  eventId: string;
  eventType: string;
  topic: string;
  partition: number;
  offset: string;
  occurredAt: Date;
  causationId: string | null;
  payload: unknown;
  traceId: string | null;
}

export interface ObservedInvalidMessage {
  orderId: string;
  /** From the message when it was readable JSON; '(unreadable)' otherwise. */
  eventType: string;
  eventId: string | null;
  topic: string;
  partition: number;
  offset: string;
  occurredAt: Date;
  error: string;
  traceId: string | null;
}

export interface ObservedDeadLetter {
  id: string;
  orderId: string;
  eventId: string | null;
  eventType: string | null;
  originalTopic: string | null;
  partition: number;
  offset: string;
  consumerGroup: string | null;
  error: string | null;
  failedAt: Date;
  traceId: string | null;
}

/** A saga's deadline: OrderPlaced's time plus the order service's SAGA_TIMEOUT_MS. */
export function deadlineOf(placedAt: Date, sagaTimeoutMs: number): Date {
  return new Date(placedAt.getTime() + sagaTimeoutMs);
}

export function entryOfEvent(event: ObservedEvent): TimelineEntry {
  return {
    orderId: event.orderId,
    kind: 'EVENT',
    eventId: event.eventId,
    eventType: event.eventType,
    topic: event.topic,
    partition: event.partition,
    offset: event.offset,
    service: producerOf(event.eventType, event.payload),
    occurredAt: event.occurredAt,
    causationId: event.causationId,
    failureReason: failureReasonOf(event.eventType, event.payload),
    compensation: isCompensation(event.eventType),
    traceId: event.traceId,
    error: null,
    deadLetterId: null,
  };
}

export function contributionOfEvent(event: ObservedEvent, sagaTimeoutMs: number): SagaContribution {
  const placed = event.eventType === 'OrderPlaced';
  return {
    orderId: event.orderId,
    userId: userIdOf(event.payload),
    occurredAt: event.occurredAt,
    placedAt: placed ? event.occurredAt : null,
    deadlineAt: placed ? deadlineOf(event.occurredAt, sagaTimeoutMs) : null,
    terminal: terminalStateOf(event.eventType),
    failureReason: failureReasonOf(event.eventType, event.payload),
    traceId: event.traceId,
    deadLetter: false,
  };
}

export function entryOfInvalid(message: ObservedInvalidMessage): TimelineEntry {
  return {
    orderId: message.orderId,
    kind: 'INVALID',
    eventId: message.eventId,
    eventType: message.eventType,
    topic: message.topic,
    partition: message.partition,
    offset: message.offset,
    service: 'unknown',
    occurredAt: message.occurredAt,
    causationId: null,
    failureReason: null,
    compensation: false,
    traceId: message.traceId,
    error: message.error,
    deadLetterId: null,
  };
}

export function entryOfDeadLetter(letter: ObservedDeadLetter): TimelineEntry {
  return {
    orderId: letter.orderId,
    kind: 'DEAD_LETTER',
    eventId: letter.eventId,
    eventType: letter.eventType ?? '(unreadable)',
    topic: letter.originalTopic ?? 'unknown',
    partition: letter.partition,
    offset: letter.offset,
    service: serviceOfConsumerGroup(letter.consumerGroup),
    occurredAt: letter.failedAt,
    causationId: null,
    failureReason: null,
    compensation: false,
    traceId: letter.traceId,
    error: letter.error,
    deadLetterId: letter.id,
  };
}

/** Invalid messages and dead letters show on the timeline but never change the saga's state. */
export function sideContribution(entry: TimelineEntry): SagaContribution {
  return {
    orderId: entry.orderId,
    userId: null,
    occurredAt: entry.occurredAt,
    placedAt: null,
    deadlineAt: null,
    terminal: null,
    failureReason: null,
    traceId: null,
    deadLetter: entry.kind === 'DEAD_LETTER',
  };
}

export function statusOf(saga: { state: SagaState; deadlineAt: Date | null }, now: Date): SagaStatus {
  if (saga.state === 'IN_FLIGHT' && saga.deadlineAt && saga.deadlineAt.getTime() < now.getTime()) return 'OVERDUE';
  return saga.state;
}
