import { ProductAlreadyExistsError } from '../../domain/errors';
import { InMemoryInventory } from '../testing/in-memory-inventory';
import { CreateProductUseCase } from './create-product.use-case';

describe('CreateProductUseCase', () => {
  it('creates the product and publishes it to the catalog', async () => {
    const inventory = new InMemoryInventory();
    const product = await new CreateProductUseCase(inventory).execute({ id: 'p1', name: 'Pen', price: 250, stock: 10 });

    expect(product).toEqual({ id: 'p1', name: 'Pen', price: 250, stock: 10 });
    expect(inventory.outbox).toEqual([
      expect.objectContaining({
        type: 'ProductCatalogUpdated',
        orderId: null,
        payload: { productId: 'p1', name: 'Pen', price: 250 },
      }),
    ]);
  });

  it('generates an id when none is given', async () => {
    const product = await new CreateProductUseCase(new InMemoryInventory()).execute({
      name: 'Pen',
      price: 250,
      stock: 1,
    });
    expect(product.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses an existing id and publishes nothing', async () => {
    const inventory = new InMemoryInventory();
    const useCase = new CreateProductUseCase(inventory);
    await useCase.execute({ id: 'p1', name: 'Pen', price: 250, stock: 10 });

    await expect(useCase.execute({ id: 'p1', name: 'Other', price: 1, stock: 1 })).rejects.toBeInstanceOf(
      ProductAlreadyExistsError,
    );
    expect(inventory.outbox).toHaveLength(1);
    expect(inventory.state.products.get('p1')!.name).toBe('Pen');
  });
});
