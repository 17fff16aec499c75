import type { SqlExecutor } from '@saga/outbox';
import { SqlOrderGuard } from '@saga/service-runtime';
import type { OrderLedger } from '../../application/ports';

/** Coupon's repository-style port over the participants' one order guard (the `order_tombstone` table). */
export class SqlOrderLedger implements OrderLedger<SqlExecutor> {
  lock(tx: SqlExecutor, orderId: string): Promise<void> {
    return new SqlOrderGuard(tx).lock(orderId);
  }

  isTombstoned(tx: SqlExecutor, orderId: string): Promise<boolean> {
    return new SqlOrderGuard(tx).isTombstoned(orderId);
  }

  tombstone(tx: SqlExecutor, orderId: string, reason: string): Promise<void> {
    return new SqlOrderGuard(tx).tombstone(orderId, reason);
  }
}
