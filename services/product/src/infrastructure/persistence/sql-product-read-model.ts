import type { SqlExecutor } from '@saga/outbox';
import type { Product } from '../../domain/product';
import type { ProductPage, ProductReadModel, ProductSales } from '../../application/ports/product-read-model';
import { toProduct, type ProductRow } from './product-row';

export class SqlProductReadModel implements ProductReadModel {
  constructor(private readonly db: SqlExecutor) {}

  async findById(productId: string): Promise<Product | null> {
    const rows = await this.db.query<ProductRow[]>(
      `SELECT id, name, price, stock FROM product WHERE id = $1`,
      productId,
    );
    return rows[0] ? toProduct(rows[0]) : null;
  }

  async list({ limit, after }: { limit: number; after: string | null }): Promise<ProductPage> {
    const rows = await this.db.query<ProductRow[]>(
      `SELECT id, name, price, stock FROM product WHERE ($1::text IS NULL OR id > $1) ORDER BY id LIMIT $2`,
      after,
      limit + 1,
    );
    const items = rows.slice(0, limit).map(toProduct);
    return { items, nextCursor: rows.length > limit ? items[items.length - 1].id : null };
  }

  async salesOf(productId: string): Promise<ProductSales | null> {
    const rows = await this.db.query<Array<{ units_sold: bigint; revenue: bigint }>>(
      `SELECT units_sold, revenue FROM product_sales WHERE product_id = $1`,
      productId,
    );
    return rows[0] ? { productId, unitsSold: Number(rows[0].units_sold), revenue: Number(rows[0].revenue) } : null;
  }
}
