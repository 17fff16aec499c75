import { SagaNotFoundError } from '../../domain/errors';
import { compensatedBy } from '../../domain/saga-catalog';
import { statusOf, type TimelineEntry } from '../../domain/timeline';
import type { SagaReadModel } from '../ports/saga-read-model';
import type { Viewer } from '../shared/viewer';
import type { SagaListItem } from '../list-sagas/list-sagas.query';

export type TimelineItem = TimelineEntry & { compensatedBy: readonly string[] };
export type SagaTimeline = SagaListItem & { events: TimelineItem[] };

/** One saga with its timeline. Another customer's saga is reported as not found, like an unknown one. */
export class GetSagaQuery {
  constructor(
    private readonly readModel: SagaReadModel,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async execute(orderId: string, viewer: Viewer): Promise<SagaTimeline> {
    const saga = await this.readModel.find(orderId);
    if (!saga || (viewer.role !== 'admin' && saga.userId !== viewer.id)) throw new SagaNotFoundError(orderId);
    const events = await this.readModel.timeline(orderId);
    return {
      ...saga,
      status: statusOf(saga, this.clock()),
      events: events.map((entry) => ({
        ...entry,
        compensatedBy: entry.kind === 'EVENT' ? compensatedBy(entry.eventType) : [],
      })),
    };
  }
}
