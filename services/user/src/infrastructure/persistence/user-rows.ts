import type { Payment, PaymentStatus } from '../../domain/payment';
import type { UserAccount } from '../../domain/user-account';

export interface AccountRow {
  id: string;
  name: string;
  balance: bigint | number | string;
}

export interface PaymentRow {
  order_id: string;
  user_id: string;
  amount: bigint | number | string;
  status: PaymentStatus;
  reason: string | null;
}

/** BIGINT columns arrive as bigint; money stays below Number.MAX_SAFE_INTEGER (the contracts' Money bound). */
export const toAccount = (row: AccountRow): UserAccount => ({
  id: row.id,
  name: row.name,
  balance: Number(row.balance),
});

export const toPayment = (row: PaymentRow): Payment => ({
  orderId: row.order_id,
  userId: row.user_id,
  amount: Number(row.amount),
  status: row.status,
  reason: row.reason,
});
