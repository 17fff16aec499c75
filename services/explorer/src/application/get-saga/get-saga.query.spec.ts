import { SagaNotFoundError } from '../../domain/errors';
import { ListSagasQuery } from '../list-sagas/list-sagas.query';
import type { SagaListFilter, SagaReadModel, SagaSummary } from '../ports/saga-read-model';
import { GetSagaQuery } from './get-saga.query';

const saga = (orderId: string, userId: string, startedAt: string): SagaSummary => ({
  orderId,
  userId,
  state: 'IN_FLIGHT',
  failureReason: null,
  traceId: null,
  startedAt: new Date(startedAt),
  deadlineAt: new Date('2026-11-01T10:00:30Z'),
  endedAt: null,
  lastEventAt: new Date(startedAt),
  eventCount: 1,
  deadLetterCount: 0,
});

class InMemorySagas implements SagaReadModel {
  readonly filters: SagaListFilter[] = [];
  constructor(private readonly sagas: SagaSummary[]) {}
  async list(filter: SagaListFilter) {
    this.filters.push(filter);
    return this.sagas
      .filter((s) => !filter.userId || s.userId === filter.userId)
      .filter((s) => !filter.after || s.startedAt < filter.after.startedAt)
      .slice(0, filter.limit);
  }
  async find(orderId: string) {
    return this.sagas.find((s) => s.orderId === orderId) ?? null;
  }
  async timeline() {
    return [];
  }
}

const now = () => new Date('2026-11-01T10:01:00Z');
const sagas = [
  saga('o-3', 'alice', '2026-11-01T10:00:03Z'),
  saga('o-2', 'bob', '2026-11-01T10:00:02Z'),
  saga('o-1', 'alice', '2026-11-01T10:00:01Z'),
];

describe('saga queries', () => {
  it("answers another customer's saga like an unknown one", async () => {
    const query = new GetSagaQuery(new InMemorySagas(sagas), now);
    await expect(query.execute('o-2', { id: 'alice', role: 'customer' })).rejects.toBeInstanceOf(SagaNotFoundError);
    await expect(query.execute('o-9', { id: 'root', role: 'admin' })).rejects.toBeInstanceOf(SagaNotFoundError);
    await expect(query.execute('o-2', { id: 'root', role: 'admin' })).resolves.toMatchObject({ status: 'OVERDUE' });
  });

  it("restricts a customer's list to their own orders and pages with a cursor", async () => {
    const readModel = new InMemorySagas(sagas);
    const query = new ListSagasQuery(readModel, now);
    const first = await query.execute({ userId: 'bob', limit: 1 }, { id: 'alice', role: 'customer' });
    expect(readModel.filters[0]).toMatchObject({ userId: 'alice', limit: 2 });
    expect(first.items.map((s) => s.orderId)).toEqual(['o-3']);
    const second = await query.execute({ cursor: first.nextCursor!, limit: 1 }, { id: 'alice', role: 'customer' });
    expect(second).toMatchObject({ items: [{ orderId: 'o-1' }], nextCursor: null });
  });
});
