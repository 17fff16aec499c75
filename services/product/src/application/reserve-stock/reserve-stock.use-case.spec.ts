import { accountedStock, inventoryWith, newIds } from '../testing/fixtures';
import { ReserveStockUseCase } from './reserve-stock.use-case';

describe('ReserveStockUseCase', () => {
  it('reserves every item, one reservation per product, and emits StockReserved caused by the OrderPlaced', async () => {
    const inventory = inventoryWith({ id: 'a', stock: 5 }, { id: 'b', stock: 1 });
    const ids = newIds();
    const outcome = await new ReserveStockUseCase(inventory).execute({
      ...ids,
      items: [
        { productId: 'b', quantity: 1 },
        { productId: 'a', quantity: 2 },
        { productId: 'a', quantity: 1 },
      ],
    });

    expect(outcome).toBe('reserved');
    expect(inventory.state.products.get('a')!.stock).toBe(2);
    expect(inventory.state.products.get('b')!.stock).toBe(0);
    expect(inventory.reservationsOf(ids.orderId)).toHaveLength(2);
    expect(inventory.outbox).toEqual([
      expect.objectContaining({
        type: 'StockReserved',
        orderId: ids.orderId,
        causationId: ids.causationId,
        payload: {
          items: [
            { productId: 'a', quantity: 3 },
            { productId: 'b', quantity: 1 },
          ],
        },
      }),
    ]);
    expect(accountedStock(inventory, 'a')).toBe(5);
    expect(accountedStock(inventory, 'b')).toBe(1);
  });

  it('refuses OUT_OF_STOCK with no stock changed when any item is short', async () => {
    const inventory = inventoryWith({ id: 'a', stock: 5 }, { id: 'b', stock: 1 });
    const ids = newIds();
    const outcome = await new ReserveStockUseCase(inventory).execute({
      ...ids,
      items: [
        { productId: 'a', quantity: 2 },
        { productId: 'b', quantity: 2 },
      ],
    });

    expect(outcome).toBe('refused');
    expect(inventory.state.products.get('a')!.stock).toBe(5);
    expect(inventory.reservationsOf(ids.orderId)).toEqual([]);
    expect(inventory.outbox).toEqual([
      expect.objectContaining({
        type: 'OrderProcessingFailed',
        causationId: ids.causationId,
        payload: expect.objectContaining({
          reason: 'OUT_OF_STOCK',
          failedBy: 'product',
          detail: expect.stringContaining('Product b'),
        }),
      }),
    ]);
  });

  it('refuses UNKNOWN_PRODUCT when an item names no product', async () => {
    const inventory = inventoryWith({ id: 'a', stock: 5 });
    const outcome = await new ReserveStockUseCase(inventory).execute({
      ...newIds(),
      items: [{ productId: 'ghost', quantity: 1 }],
    });

    expect(outcome).toBe('refused');
    expect(inventory.outbox[0].payload).toMatchObject({
      reason: 'UNKNOWN_PRODUCT',
      detail: expect.stringContaining('ghost'),
    });
  });

  it('does nothing for a tombstoned order (cancelled before it was placed here)', async () => {
    const inventory = inventoryWith({ id: 'a', stock: 5 });
    const ids = newIds();
    inventory.state.tombstones.set(ids.orderId, 'TIMEOUT');

    expect(await new ReserveStockUseCase(inventory).execute({ ...ids, items: [{ productId: 'a', quantity: 1 }] })).toBe(
      'skipped_cancelled',
    );
    expect(inventory.state.products.get('a')!.stock).toBe(5);
    expect(inventory.outbox).toEqual([]);
  });

  it('reserves once for an order delivered twice', async () => {
    const inventory = inventoryWith({ id: 'a', stock: 5 });
    const useCase = new ReserveStockUseCase(inventory);
    const { orderId } = newIds();
    await useCase.execute({ ...newIds(), orderId, items: [{ productId: 'a', quantity: 1 }] });

    expect(await useCase.execute({ ...newIds(), orderId, items: [{ productId: 'a', quantity: 1 }] })).toBe(
      'skipped_already_reserved',
    );
    expect(inventory.state.products.get('a')!.stock).toBe(4);
    expect(inventory.outbox).toHaveLength(1);
  });
});
