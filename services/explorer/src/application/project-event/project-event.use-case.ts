import { contributionOfEvent, entryOfEvent, type ObservedEvent } from '../../domain/timeline';
import type { ProjectionUnitOfWork } from '../ports/projection-unit-of-work';

/** A valid saga event: one timeline entry, and the saga's state, user, deadline and trace merged from it. */
export class ProjectEventUseCase {
  constructor(
    private readonly uow: ProjectionUnitOfWork,
    private readonly sagaTimeoutMs: number,
  ) {}

  execute(event: ObservedEvent): Promise<void> {
    return this.uow.run((tx) =>
      tx.timeline.append(entryOfEvent(event), contributionOfEvent(event, this.sagaTimeoutMs)),
    );
  }
}
