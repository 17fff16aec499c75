import { executeDeferred, type SqlExecutor } from '@saga/outbox';
import type { SalesStore } from '../../application/ports/inventory-unit-of-work';
import type { SalesIncrement } from '../../domain/sales';

export class SqlSalesStore implements SalesStore {
  constructor(private readonly tx: SqlExecutor) {}

  async add(increments: readonly SalesIncrement[]): Promise<void> {
    // rows in productId order, so two orders' sales never lock them in opposite orders
    await executeDeferred(
      this.tx,
      `INSERT INTO product_sales (product_id, units_sold, revenue)
       SELECT id, units, revenue FROM unnest($1::text[], $2::bigint[], $3::bigint[]) AS t(id, units, revenue) ORDER BY id
       ON CONFLICT (product_id) DO UPDATE
         SET units_sold = product_sales.units_sold + EXCLUDED.units_sold,
             revenue = product_sales.revenue + EXCLUDED.revenue,
             updated_at = now()`,
      increments.map((increment) => increment.productId),
      increments.map((increment) => increment.units),
      increments.map((increment) => increment.revenue),
    );
  }
}
