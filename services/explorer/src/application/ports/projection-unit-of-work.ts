import type { SagaContribution, TimelineEntry } from '../../domain/timeline';
import type { StoredDeadLetter } from './dead-letters';

export interface TimelineStore {
  /** Adds the entry and merges its contribution into the saga row (created on the order's first entry). */
  append(entry: TimelineEntry, contribution: SagaContribution): Promise<void>;
}

export interface DeadLetterStore {
  /** false when this dead letter (same id) was already stored. */
  insert(letter: StoredDeadLetter): Promise<boolean>;
  recordReplay(replay: {
    deadLetterId: string;
    replayedBy: string;
    replayedAt: Date;
    targetTopic: string;
  }): Promise<void>;
}

export interface ProjectionTx {
  readonly timeline: TimelineStore;
  readonly deadLetters: DeadLetterStore;
}

/** One transaction; inside a consumer it joins the consumer's (with its inbox record). */
export interface ProjectionUnitOfWork {
  run<T>(work: (tx: ProjectionTx) => Promise<T>): Promise<T>;
}

export const PROJECTION_UNIT_OF_WORK = Symbol('ProjectionUnitOfWork');
