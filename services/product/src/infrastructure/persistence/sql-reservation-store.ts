import { executeDeferred, type SqlExecutor } from '@saga/outbox';
import type { ReservationStore } from '../../application/ports/inventory-unit-of-work';
import type { ReservationStatus, StockLine } from '../../domain/reservation';

interface LineRow {
  product_id: string;
  quantity: number;
  status: ReservationStatus;
}

export class SqlReservationStore implements ReservationStore {
  constructor(private readonly tx: SqlExecutor) {}

  async linesOf(orderId: string) {
    const rows = await this.tx.query<LineRow[]>(
      `SELECT product_id, quantity, status FROM stock_reservation WHERE order_id = $1 ORDER BY product_id`,
      orderId,
    );
    return rows.map((r) => ({ productId: r.product_id, quantity: Number(r.quantity), status: r.status }));
  }

  async reserve(orderId: string, lines: readonly StockLine[]): Promise<void> {
    await executeDeferred(
      this.tx,
      `INSERT INTO stock_reservation (order_id, product_id, quantity, status)
       SELECT $1, p, q, 'RESERVED' FROM unnest($2::text[], $3::int[]) AS t(p, q)`,
      orderId,
      lines.map((line) => line.productId),
      lines.map((line) => line.quantity),
    );
  }

  async transition(orderId: string, from: ReservationStatus, to: ReservationStatus): Promise<StockLine[]> {
    const rows = await this.tx.query<LineRow[]>(
      `UPDATE stock_reservation SET status = $3, updated_at = now()
        WHERE order_id = $1 AND status = $2
        RETURNING product_id, quantity`,
      orderId,
      from,
      to,
    );
    return rows.map((r) => ({ productId: r.product_id, quantity: Number(r.quantity) }));
  }
}
