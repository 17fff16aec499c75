import { statusOf, type SagaStatus } from '../../domain/timeline';
import type { SagaListFilter, SagaReadModel, SagaSummary } from '../ports/saga-read-model';
import type { Viewer } from '../shared/viewer';
import { decodeCursor, encodeCursor } from './cursor';

export interface ListSagasRequest {
  status?: SagaStatus;
  failureReason?: string;
  userId?: string;
  from?: Date;
  to?: Date;
  cursor?: string;
  limit: number;
}

export type SagaListItem = SagaSummary & { status: SagaStatus };

export interface SagaPage {
  items: SagaListItem[];
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

/** Newest first. A customer's list is always restricted to their own orders, whatever `userId` says. */
export class ListSagasQuery {
  constructor(
    private readonly readModel: SagaReadModel,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async execute(request: ListSagasRequest, viewer: Viewer): Promise<SagaPage> {
    const now = this.clock();
    const filter: SagaListFilter = {
      status: request.status,
      failureReason: request.failureReason,
      userId: viewer.role === 'admin' ? request.userId : viewer.id,
      from: request.from,
      to: request.to,
      after: request.cursor ? decodeCursor(request.cursor) : undefined,
      limit: request.limit + 1,
      now,
    };
    const rows = await this.readModel.list(filter);
    const items = rows.slice(0, request.limit).map((saga) => ({ ...saga, status: statusOf(saga, now) }));
    const last = items.at(-1);
    return { items, nextCursor: rows.length > request.limit && last ? encodeCursor(last) : null };
  }
}
