import type { SqlExecutor } from '@saga/outbox';
import type { ProductStore } from '../../application/ports/inventory-unit-of-work';
import type { Product, ProductChanges } from '../../domain/product';
import type { ProductStock } from '../../domain/reservation';
import { toProduct, type ProductRow } from './product-row';

export class SqlProductStore implements ProductStore {
  constructor(private readonly tx: SqlExecutor) {}

  async lockStock(productIds: readonly string[]): Promise<ProductStock[]> {
    // One statement; the rows are locked in the ORDER BY order (LockRows runs above the sort), so two
    // orders sharing products always wait for each other, never deadlock.
    const rows = await this.tx.query<Array<{ id: string; name: string; stock: number }>>(
      `SELECT id, name, stock FROM product WHERE id = ANY($1::text[]) ORDER BY id FOR UPDATE`,
      [...new Set(productIds)],
    );
    return rows.map((row) => ({ productId: row.id, name: row.name, stock: Number(row.stock) }));
  }

  async decrementStock(productId: string, quantity: number): Promise<boolean> {
    const changed = await this.tx.execute(
      `UPDATE product SET stock = stock - $2, updated_at = now() WHERE id = $1 AND stock >= $2`,
      productId,
      quantity,
    );
    return changed === 1;
  }

  async incrementStock(productId: string, quantity: number): Promise<void> {
    await this.tx.execute(
      `UPDATE product SET stock = stock + $2, updated_at = now() WHERE id = $1`,
      productId,
      quantity,
    );
  }

  async insert(product: Product): Promise<boolean> {
    const inserted = await this.tx.execute(
      `INSERT INTO product (id, name, price, stock) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING`,
      product.id,
      product.name,
      product.price,
      product.stock,
    );
    return inserted === 1;
  }

  async update(productId: string, changes: ProductChanges): Promise<Product | null> {
    const rows = await this.tx.query<ProductRow[]>(
      `UPDATE product
          SET name = COALESCE($2::text, name),
              price = COALESCE($3::int, price),
              stock = stock + COALESCE($4::int, 0),
              updated_at = now()
        WHERE id = $1
        RETURNING id, name, price, stock`,
      productId,
      changes.name ?? null,
      changes.price ?? null,
      changes.restock ?? null,
    );
    return rows[0] ? toProduct(rows[0]) : null;
  }
}
