import { entryOfInvalid, sideContribution, type ObservedInvalidMessage } from '../../domain/timeline';
import type { ProjectionUnitOfWork } from '../ports/projection-unit-of-work';

/** A poison or unknown message on a saga topic: shown on its order's timeline with the validation error. */
export class ProjectInvalidMessageUseCase {
  constructor(private readonly uow: ProjectionUnitOfWork) {}

  execute(message: ObservedInvalidMessage): Promise<void> {
    const entry = entryOfInvalid(message);
    return this.uow.run((tx) => tx.timeline.append(entry, sideContribution(entry)));
  }
}
