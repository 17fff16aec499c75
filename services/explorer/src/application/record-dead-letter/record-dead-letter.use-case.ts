import { isSagaTopic } from '../../domain/saga-catalog';
import { entryOfDeadLetter, sideContribution } from '../../domain/timeline';
import type { StoredDeadLetter } from '../ports/dead-letters';
import type { ProjectionUnitOfWork } from '../ports/projection-unit-of-work';

export interface RecordDeadLetterCommand {
  letter: StoredDeadLetter;
  /** The catalog name of the original topic (without a test-run prefix), null when unknown. */
  originalTopic: string | null;
  traceId: string | null;
}

/** Stores a dead letter for the dead-letter list and, when it belongs to an order, puts it on that saga's timeline. */
export class RecordDeadLetterUseCase {
  constructor(private readonly uow: ProjectionUnitOfWork) {}

  execute({ letter, originalTopic, traceId }: RecordDeadLetterCommand): Promise<void> {
    return this.uow.run(async (tx) => {
      const inserted = await tx.deadLetters.insert(letter);
      // a dead letter of coupon issuance or the product catalog is keyed by something else than an order
      if (!inserted || !letter.orderId || !originalTopic || !isSagaTopic(originalTopic)) return;
      const entry = entryOfDeadLetter({
        id: letter.id,
        orderId: letter.orderId,
        eventId: letter.eventId,
        eventType: letter.eventType,
        originalTopic,
        partition: letter.originalPartition ?? letter.partition,
        offset: letter.originalOffset ?? letter.offset,
        consumerGroup: letter.consumerGroup,
        error: letter.error,
        failedAt: letter.failedAt ?? new Date(),
        traceId,
      });
      await tx.timeline.append(entry, sideContribution(entry));
    });
  }
}
