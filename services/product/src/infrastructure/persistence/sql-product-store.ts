import { executeDeferred, type SqlExecutor } from '@saga/outbox';
import type { ProductStore } from '../../application/ports/inventory-unit-of-work';
import type { Product, ProductChanges } from '../../domain/product';
import type { ProductStock, StockLine } from '../../domain/reservation';
import { toProduct, type ProductRow } from './product-row';

const ADD_TO_STOCK = `UPDATE product AS p SET stock = p.stock + t.delta, updated_at = now()
  FROM unnest($1::text[], $2::int[]) AS t(id, delta) WHERE p.id = t.id`;

function columnsOf(lines: readonly StockLine[], sign: 1 | -1): [string[], number[]] {
  return [lines.map((line) => line.productId), lines.map((line) => sign * line.quantity)];
}

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

  // Deferred (no result is read): a shortage the lock should have ruled out still fails the
  // transaction, through the product_stock_non_negative CHECK.
  async takeStock(lines: readonly StockLine[]): Promise<void> {
    await executeDeferred(this.tx, ADD_TO_STOCK, ...columnsOf(lines, -1));
  }

  async returnStock(lines: readonly StockLine[]): Promise<void> {
    // in productId order first, as lockStock does, so a release and a reservation never deadlock
    await executeDeferred(
      this.tx,
      `SELECT id FROM product WHERE id = ANY($1::text[]) ORDER BY id FOR UPDATE`,
      lines.map((line) => line.productId),
    );
    await executeDeferred(this.tx, ADD_TO_STOCK, ...columnsOf(lines, 1));
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
