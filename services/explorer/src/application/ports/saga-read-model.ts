import type { SagaState, SagaStatus, TimelineEntry } from '../../domain/timeline';

export interface SagaSummary {
  orderId: string;
  userId: string | null;
  state: SagaState;
  failureReason: string | null;
  traceId: string | null;
  startedAt: Date;
  deadlineAt: Date | null;
  endedAt: Date | null;
  lastEventAt: Date;
  eventCount: number;
  deadLetterCount: number;
}

export interface SagaListFilter {
  status?: SagaStatus;
  failureReason?: string;
  userId?: string;
  /** Inclusive bounds on startedAt. */
  from?: Date;
  to?: Date;
  /** Keyset cursor: sagas strictly older than this (startedAt desc, orderId desc). */
  after?: { startedAt: Date; orderId: string };
  limit: number;
  /** The instant OVERDUE is judged against. */
  now: Date;
}

export interface SagaReadModel {
  list(filter: SagaListFilter): Promise<SagaSummary[]>;
  find(orderId: string): Promise<SagaSummary | null>;
  timeline(orderId: string): Promise<TimelineEntry[]>;
}

export const SAGA_READ_MODEL = Symbol('SagaReadModel');
