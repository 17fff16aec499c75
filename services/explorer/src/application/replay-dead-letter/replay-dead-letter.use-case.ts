import { DeadLetterNotFoundError, DeadLetterNotReplayableError } from '../../domain/errors';
import type { DeadLetterPublisher, DeadLetterReadModel, ReplayPreview } from '../ports/dead-letters';
import type { ProjectionUnitOfWork } from '../ports/projection-unit-of-work';

export interface ReplayDeadLetterCommand {
  id: string;
  /** false: a dry run, nothing is published. */
  execute: boolean;
  replayedBy: string;
}

export interface ReplayOutcome {
  deadLetterId: string;
  executed: boolean;
  message: ReplayPreview;
  replayedAt: Date | null;
  replayedBy: string | null;
}

/**
 * Previews (default) or re-publishes one dead letter through the shared replay library. An executed replay is
 * recorded (who, when) in the transaction that publishes: a failed publish leaves no record.
 */
export class ReplayDeadLetterUseCase {
  constructor(
    private readonly readModel: DeadLetterReadModel,
    private readonly publisher: DeadLetterPublisher,
    private readonly uow: ProjectionUnitOfWork,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async execute(command: ReplayDeadLetterCommand): Promise<ReplayOutcome> {
    const letter = await this.readModel.find(command.id);
    if (!letter) throw new DeadLetterNotFoundError(command.id);
    const message = this.publisher.preview(letter);
    if (!message) throw new DeadLetterNotReplayableError(command.id);
    if (!command.execute) {
      return { deadLetterId: letter.id, executed: false, message, replayedAt: null, replayedBy: null };
    }
    const replayedAt = this.clock();
    await this.uow.run(async (tx) => {
      await tx.deadLetters.recordReplay({
        deadLetterId: letter.id,
        replayedBy: command.replayedBy,
        replayedAt,
        targetTopic: message.topic,
      });
      await this.publisher.publish(letter);
    });
    return { deadLetterId: letter.id, executed: true, message, replayedAt, replayedBy: command.replayedBy };
  }
}
