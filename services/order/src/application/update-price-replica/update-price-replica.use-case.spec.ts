import { InMemoryOrderDb } from '../testing/in-memory-order-db';
import { UpdatePriceReplicaUseCase } from './update-price-replica.use-case';

describe('UpdatePriceReplicaUseCase', () => {
  it('keeps the newest price even when updates arrive out of order', async () => {
    const db = new InMemoryOrderDb();
    const update = new UpdatePriceReplicaUseCase(db);
    await update.execute({ productId: 'p1', name: 'Tea', price: 500, changedAt: new Date('2025-01-02') });
    await update.execute({ productId: 'p1', name: 'Tea', price: 400, changedAt: new Date('2025-01-01') });
    expect(await db.reader().findPrices(['p1'])).toEqual(new Map([['p1', 500]]));
    await update.execute({ productId: 'p1', name: 'Tea', price: 600, changedAt: new Date('2025-01-03') });
    expect(await db.reader().findPrices(['p1'])).toEqual(new Map([['p1', 600]]));
  });
});
