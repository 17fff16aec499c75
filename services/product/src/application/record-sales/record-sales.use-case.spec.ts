import { ReleaseStockUseCase } from '../release-stock/release-stock.use-case';
import { ReserveStockUseCase } from '../reserve-stock/reserve-stock.use-case';
import { accountedStock, inventoryWith, newIds } from '../testing/fixtures';
import { RecordSalesUseCase } from './record-sales.use-case';

describe('RecordSalesUseCase', () => {
  const lines = [
    { productId: 'a', quantity: 2, unitPrice: 500 },
    { productId: 'b', quantity: 1, unitPrice: 300 },
  ];

  it('commits the reservations and counts the sale once, even when delivered twice', async () => {
    const inventory = inventoryWith({ id: 'a', stock: 5 }, { id: 'b', stock: 5 });
    const ids = newIds();
    await new ReserveStockUseCase(inventory).execute({ ...ids, items: lines });
    const record = new RecordSalesUseCase(inventory);

    expect(await record.execute({ orderId: ids.orderId, lines })).toBe('recorded');
    expect(await record.execute({ orderId: ids.orderId, lines })).toBe('nothing_to_commit');

    expect(await inventory.salesOf('a')).toEqual({ productId: 'a', unitsSold: 2, revenue: 1000 });
    expect(await inventory.salesOf('b')).toEqual({ productId: 'b', unitsSold: 1, revenue: 300 });
    expect(inventory.reservationsOf(ids.orderId).every((r) => r.status === 'COMMITTED')).toBe(true);
    expect(accountedStock(inventory, 'a')).toBe(5);
  });

  it('does not count an order whose reservations were released', async () => {
    const inventory = inventoryWith({ id: 'a', stock: 5 }, { id: 'b', stock: 5 });
    const ids = newIds();
    await new ReserveStockUseCase(inventory).execute({ ...ids, items: lines });
    await new ReleaseStockUseCase(inventory).execute({ ...ids, reason: 'TIMEOUT' });

    expect(await new RecordSalesUseCase(inventory).execute({ orderId: ids.orderId, lines })).toBe('nothing_to_commit');
    expect(await inventory.salesOf('a')).toBeNull();
  });
});
