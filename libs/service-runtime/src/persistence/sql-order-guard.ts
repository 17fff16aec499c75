import { executeDeferred, type SqlExecutor } from '@saga/outbox';

/** Per-order serialisation and cancellation tombstones, inside one transaction. */
export interface OrderGuard {
  /** Held until the transaction ends, across every instance: the act and the compensation of one order never interleave. */
  lock(orderId: string): Promise<void>;
  isTombstoned(orderId: string): Promise<boolean>;
  tombstone(orderId: string, reason: string): Promise<void>;
}

/** The `OrderGuard` of every participant: the `order_tombstone` table of the service's own schema. */
export class SqlOrderGuard implements OrderGuard {
  constructor(private readonly tx: SqlExecutor) {}

  async lock(orderId: string): Promise<void> {
    // Transaction-scoped advisory lock: the act and the compensation of one order (different consumer
    // groups, possibly different instances) serialise, so a tombstone and the act can never both be missed.
    // Deferred: it travels with the next statement, which the server runs after it with a fresh snapshot.
    await executeDeferred(this.tx, `SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, `order:${orderId}`);
  }

  async isTombstoned(orderId: string): Promise<boolean> {
    const rows = await this.tx.query<unknown[]>(`SELECT 1 FROM order_tombstone WHERE order_id = $1`, orderId);
    return rows.length > 0;
  }

  async tombstone(orderId: string, reason: string): Promise<void> {
    await executeDeferred(
      this.tx,
      `INSERT INTO order_tombstone (order_id, reason) VALUES ($1, $2) ON CONFLICT (order_id) DO NOTHING`,
      orderId,
      reason,
    );
  }
}
