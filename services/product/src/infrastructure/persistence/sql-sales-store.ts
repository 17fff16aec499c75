import type { SqlExecutor } from '@saga/outbox';
import type { SalesStore } from '../../application/ports/inventory-unit-of-work';

export class SqlSalesStore implements SalesStore {
  constructor(private readonly tx: SqlExecutor) {}

  async add(productId: string, units: number, revenue: number): Promise<void> {
    await this.tx.execute(
      `INSERT INTO product_sales (product_id, units_sold, revenue) VALUES ($1, $2, $3)
       ON CONFLICT (product_id) DO UPDATE
         SET units_sold = product_sales.units_sold + EXCLUDED.units_sold,
             revenue = product_sales.revenue + EXCLUDED.revenue,
             updated_at = now()`,
      productId,
      units,
      revenue,
    );
  }
}
