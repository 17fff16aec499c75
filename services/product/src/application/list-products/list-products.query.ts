import type { ProductPage, ProductReadModel } from '../ports/product-read-model';

export interface ListProductsCommand {
  limit: number;
  after: string | null;
}

/** Keyset pagination by id: stable while products are added concurrently. */
export class ListProductsQuery {
  constructor(private readonly readModel: ProductReadModel) {}

  execute(command: ListProductsCommand): Promise<ProductPage> {
    return this.readModel.list(command);
  }
}
