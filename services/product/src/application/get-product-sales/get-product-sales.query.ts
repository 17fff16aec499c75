import { ProductNotFoundError } from '../../domain/errors';
import type { ProductReadModel, ProductSales } from '../ports/product-read-model';

export class GetProductSalesQuery {
  constructor(private readonly readModel: ProductReadModel) {}

  async execute(productId: string): Promise<ProductSales> {
    const sales = await this.readModel.salesOf(productId);
    if (sales) return sales;
    if (!(await this.readModel.findById(productId))) throw new ProductNotFoundError(productId);
    return { productId, unitsSold: 0, revenue: 0 };
  }
}
