import { Order } from '../../domain/order';
import { InMemoryOrderDb } from '../testing/in-memory-order-db';
import { ListOrdersQuery } from './list-orders.query';
import { decodeCursor, encodeCursor, InvalidCursorError } from './order-cursor';

describe('ListOrdersQuery', () => {
  it("pages through the caller's orders newest first without gaps or repeats", async () => {
    const db = new InMemoryOrderDb();
    const base: Omit<Order, 'id' | 'userId' | 'createdAt'> = {
      status: 'PENDING',
      items: [],
      subtotal: 0,
      discount: 0,
      total: 0,
      couponId: null,
      stockReserved: false,
      couponApplied: false,
      processingSucceededAt: null,
      failureReason: null,
      deadlineAt: new Date(),
      updatedAt: new Date(),
    };
    const ids: string[] = [];
    await db.run(async ({ orders }) => {
      for (let i = 0; i < 5; i++) {
        const id = `00000000-0000-4000-8000-00000000000${i}`;
        ids.push(id);
        // two orders share a timestamp: the id breaks the tie
        await orders.insertOrder({ ...base, id, userId: 'u1', createdAt: new Date(1_000 * Math.min(i, 3)) });
      }
      await orders.insertOrder({
        ...base,
        id: '00000000-0000-4000-8000-0000000000ff',
        userId: 'u2',
        createdAt: new Date(9_000),
      });
    });
    const list = new ListOrdersQuery(db.reader());

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<ListOrdersQuery['execute']>> = await list.execute({
        userId: 'u1',
        limit: 2,
        cursor,
      });
      seen.push(...page.orders.map((o) => o.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
  });

  it('round-trips cursors and rejects garbage', () => {
    const cursor = { createdAt: new Date('2025-01-01T00:00:00.000Z'), id: '00000000-0000-4000-8000-000000000001' };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
    expect(() => decodeCursor('not-a-cursor')).toThrow(InvalidCursorError);
  });
});
