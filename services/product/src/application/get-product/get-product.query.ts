import { ProductNotFoundError } from '../../domain/errors';
import type { Product } from '../../domain/product';
import type { ProductReadModel } from '../ports/product-read-model';

export class GetProductQuery {
  constructor(private readonly readModel: ProductReadModel) {}

  async execute(productId: string): Promise<Product> {
    const product = await this.readModel.findById(productId);
    if (!product) throw new ProductNotFoundError(productId);
    return product;
  }
}
