import { ReserveStockUseCase } from '../reserve-stock/reserve-stock.use-case';
import { accountedStock, inventoryWith, newIds } from '../testing/fixtures';
import { ReleaseStockUseCase } from './release-stock.use-case';

describe('ReleaseStockUseCase', () => {
  it('gives reserved stock back exactly once', async () => {
    const inventory = inventoryWith({ id: 'a', stock: 3 });
    const ids = newIds();
    await new ReserveStockUseCase(inventory).execute({ ...ids, items: [{ productId: 'a', quantity: 2 }] });
    const release = new ReleaseStockUseCase(inventory);

    expect(await release.execute({ ...ids, reason: 'INSUFFICIENT_BALANCE' })).toBe('released');
    expect(await release.execute({ ...ids, reason: 'INSUFFICIENT_BALANCE' })).toBe('nothing_to_release');

    expect(inventory.state.products.get('a')!.stock).toBe(3);
    expect(inventory.reservationsOf(ids.orderId).map((r) => r.status)).toEqual(['RELEASED']);
    expect(accountedStock(inventory, 'a')).toBe(3);
    expect(inventory.state.tombstones.size).toBe(0);
  });

  it('tombstones an order it never reserved, so a late OrderPlaced does nothing', async () => {
    const inventory = inventoryWith({ id: 'a', stock: 3 });
    const ids = newIds();

    expect(await new ReleaseStockUseCase(inventory).execute({ ...ids, reason: 'TIMEOUT' })).toBe('tombstoned');
    expect(
      await new ReserveStockUseCase(inventory).execute({
        ...newIds(),
        orderId: ids.orderId,
        items: [{ productId: 'a', quantity: 1 }],
      }),
    ).toBe('skipped_cancelled');
    expect(inventory.state.products.get('a')!.stock).toBe(3);
  });

  it('tombstones when product refused the order itself (its own OrderProcessingFailed comes back)', async () => {
    const inventory = inventoryWith({ id: 'a', stock: 0 });
    const ids = newIds();
    await new ReserveStockUseCase(inventory).execute({ ...ids, items: [{ productId: 'a', quantity: 1 }] });

    expect(await new ReleaseStockUseCase(inventory).execute({ ...ids, reason: 'OUT_OF_STOCK' })).toBe('tombstoned');
    expect(inventory.state.products.get('a')!.stock).toBe(0);
  });
});
