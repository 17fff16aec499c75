import type { SqlExecutor, UnitOfWork } from '@saga/outbox';
import type { ProjectionTx, ProjectionUnitOfWork } from '../../application/ports/projection-unit-of-work';
import { SqlDeadLetterStore } from './sql-dead-letter-store';
import { SqlTimelineStore } from './sql-timeline-store';

/** The projection ports over one PostgreSQL transaction (joining a consumer's, via @saga/outbox). */
export class SqlProjectionUnitOfWork implements ProjectionUnitOfWork {
  constructor(private readonly uow: UnitOfWork<SqlExecutor>) {}

  run<T>(work: (tx: ProjectionTx) => Promise<T>): Promise<T> {
    return this.uow.run((tx) => work({ timeline: new SqlTimelineStore(tx), deadLetters: new SqlDeadLetterStore(tx) }));
  }
}
