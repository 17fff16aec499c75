import type { Product } from '../../domain/product';

export interface ProductRow {
  id: string;
  name: string;
  price: number | bigint;
  stock: number | bigint;
}

export const toProduct = (row: ProductRow): Product => ({
  id: row.id,
  name: row.name,
  price: Number(row.price),
  stock: Number(row.stock),
});
