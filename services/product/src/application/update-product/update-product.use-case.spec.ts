import { ProductNotFoundError } from '../../domain/errors';
import { inventoryWith } from '../testing/fixtures';
import { UpdateProductUseCase } from './update-product.use-case';

describe('UpdateProductUseCase', () => {
  it('renames/reprices and publishes the catalog change', async () => {
    const inventory = inventoryWith({ id: 'a', stock: 1, price: 100 });
    const product = await new UpdateProductUseCase(inventory).execute({
      productId: 'a',
      changes: { name: 'Apple', price: 120 },
    });

    expect(product).toEqual({ id: 'a', name: 'Apple', price: 120, stock: 1 });
    expect(inventory.outbox[0]).toMatchObject({
      type: 'ProductCatalogUpdated',
      payload: { productId: 'a', name: 'Apple', price: 120 },
    });
  });

  it('restocks by adding units and publishes nothing (the catalog has no stock)', async () => {
    const inventory = inventoryWith({ id: 'a', stock: 1 });
    const product = await new UpdateProductUseCase(inventory).execute({ productId: 'a', changes: { restock: 4 } });

    expect(product.stock).toBe(5);
    expect(inventory.outbox).toEqual([]);
  });

  it('fails for an unknown product', async () => {
    await expect(
      new UpdateProductUseCase(inventoryWith()).execute({ productId: 'ghost', changes: { price: 1 } }),
    ).rejects.toBeInstanceOf(ProductNotFoundError);
  });
});
