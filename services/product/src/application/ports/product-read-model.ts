import type { Product } from '../../domain/product';

export interface ProductSales {
  productId: string;
  unitsSold: number;
  revenue: number;
}

export interface ProductPage {
  items: Product[];
  /** Pass as `after` to get the next page; null on the last page. */
  nextCursor: string | null;
}

export interface ProductReadModel {
  findById(productId: string): Promise<Product | null>;
  list(query: { limit: number; after: string | null }): Promise<ProductPage>;
  salesOf(productId: string): Promise<ProductSales | null>;
}

export const PRODUCT_READ_MODEL = Symbol('ProductReadModel');
export const INVENTORY_UNIT_OF_WORK = Symbol('InventoryUnitOfWork');
