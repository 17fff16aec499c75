import { executeDeferred, type SqlExecutor } from '@saga/outbox';
import type { PaymentStore } from '../../application/ports/wallet-unit-of-work';
import type { Payment } from '../../domain/payment';
import { toPayment, type PaymentRow } from './user-rows';

const COLUMNS = 'order_id, user_id, amount, status, reason';

export class SqlPaymentStore implements PaymentStore {
  constructor(private readonly tx: SqlExecutor) {}

  async find(orderId: string): Promise<Payment | null> {
    const rows = await this.tx.query<PaymentRow[]>(`SELECT ${COLUMNS} FROM payment WHERE order_id = $1`, orderId);
    return rows[0] ? toPayment(rows[0]) : null;
  }

  async insert(payment: Payment): Promise<void> {
    // deferred: a second payment of the order still fails the transaction, on the primary key
    await executeDeferred(
      this.tx,
      `INSERT INTO payment (order_id, user_id, amount, status, reason) VALUES ($1, $2, $3, $4, $5)`,
      payment.orderId,
      payment.userId,
      payment.amount,
      payment.status,
      payment.reason,
    );
  }

  async markRefunded(orderId: string): Promise<Payment | null> {
    const rows = await this.tx.query<PaymentRow[]>(
      `UPDATE payment SET status = 'REFUNDED', updated_at = now() WHERE order_id = $1 AND status = 'DEBITED' RETURNING ${COLUMNS}`,
      orderId,
    );
    return rows[0] ? toPayment(rows[0]) : null;
  }
}
