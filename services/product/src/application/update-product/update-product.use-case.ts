import { createEvent, ProductCatalogUpdated } from '@saga/contracts';
import { ProductNotFoundError } from '../../domain/errors';
import { changesCatalog, type Product } from '../../domain/product';
import type { InventoryUnitOfWork } from '../ports/inventory-unit-of-work';
import type { UpdateProductCommand } from './update-product.command';

export class UpdateProductUseCase {
  constructor(private readonly uow: InventoryUnitOfWork) {}

  execute({ productId, changes }: UpdateProductCommand): Promise<Product> {
    return this.uow.run(async (tx) => {
      const product = await tx.products.update(productId, changes);
      if (!product) throw new ProductNotFoundError(productId);
      if (changesCatalog(changes)) {
        await tx.outbox.append(
          createEvent(ProductCatalogUpdated, {
            orderId: null,
            causationId: null,
            payload: { productId: product.id, name: product.name, price: product.price },
          }),
        );
      }
      return product;
    });
  }
}
