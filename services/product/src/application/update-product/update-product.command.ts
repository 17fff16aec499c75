import type { ProductChanges } from '../../domain/product';

export interface UpdateProductCommand {
  productId: string;
  changes: ProductChanges;
}
