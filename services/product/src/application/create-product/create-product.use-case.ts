import { randomUUID } from 'node:crypto';
import { createEvent, ProductCatalogUpdated } from '@saga/contracts';
import { ProductAlreadyExistsError } from '../../domain/errors';
import type { Product } from '../../domain/product';
import type { InventoryUnitOfWork } from '../ports/inventory-unit-of-work';
import type { CreateProductCommand } from './create-product.command';

export class CreateProductUseCase {
  constructor(private readonly uow: InventoryUnitOfWork) {}

  execute(command: CreateProductCommand): Promise<Product> {
    const product: Product = {
      id: command.id ?? randomUUID(),
      name: command.name,
      price: command.price,
      stock: command.stock,
    };
    return this.uow.run(async (tx) => {
      if (!(await tx.products.insert(product))) throw new ProductAlreadyExistsError(product.id);
      await tx.outbox.append(
        createEvent(ProductCatalogUpdated, {
          orderId: null,
          causationId: null,
          payload: { productId: product.id, name: product.name, price: product.price },
        }),
      );
      return product;
    });
  }
}
