import type { SqlExecutor } from '@saga/outbox';
import { OrderLedger } from '../../application/ports';

export class SqlOrderLedger implements OrderLedger<SqlExecutor> {
  /** Transaction-scoped advisory lock: apply and restore of one order never interleave, on any instance. */
  async lock(tx: SqlExecutor, orderId: string): Promise<void> {
    await tx.$queryRawUnsafe(`SELECT pg_advisory_xact_lock(hashtextextended('coupon-order:' || $1, 0))::text`, orderId);
  }

  async isTombstoned(tx: SqlExecutor, orderId: string): Promise<boolean> {
    const rows = await tx.$queryRawUnsafe<unknown[]>(`SELECT 1 FROM order_tombstone WHERE order_id = $1`, orderId);
    return rows.length > 0;
  }

  async tombstone(tx: SqlExecutor, orderId: string, reason: string): Promise<void> {
    await tx.$executeRawUnsafe(
      `INSERT INTO order_tombstone (order_id, reason) VALUES ($1, $2) ON CONFLICT (order_id) DO NOTHING`,
      orderId,
      reason,
    );
  }
}
