import { Order, OrderLine } from '../../domain/order';
import { OrderStatus } from '../../domain/order-status';

export interface OrderRow {
  id: string;
  user_id: string;
  status: OrderStatus;
  subtotal: bigint | number | string;
  discount: bigint | number | string;
  total: bigint | number | string;
  coupon_id: string | null;
  stock_reserved: boolean;
  coupon_applied: boolean;
  processing_succeeded_at: Date | string | null;
  failure_reason: string | null;
  deadline_at: Date | string;
  created_at: Date | string;
  updated_at: Date | string;
}

export interface OrderItemRow {
  order_id: string;
  product_id: string;
  quantity: number;
  unit_price: bigint | number | string;
}

/** BIGINT money columns come back as bigint; they always fit a safe integer (checked at checkout). */
export function toMoney(value: bigint | number | string): number {
  const money = Number(value);
  if (!Number.isSafeInteger(money)) throw new RangeError(`money value ${String(value)} is not a safe integer`);
  return money;
}

const toDate = (value: Date | string): Date => (value instanceof Date ? value : new Date(value));

export function toOrderLine(row: OrderItemRow): OrderLine {
  return { productId: row.product_id, quantity: Number(row.quantity), unitPrice: toMoney(row.unit_price) };
}

export function toOrder(row: OrderRow, items: OrderLine[]): Order {
  return {
    id: row.id,
    userId: row.user_id,
    status: row.status,
    items,
    subtotal: toMoney(row.subtotal),
    discount: toMoney(row.discount),
    total: toMoney(row.total),
    couponId: row.coupon_id,
    stockReserved: row.stock_reserved,
    couponApplied: row.coupon_applied,
    processingSucceededAt: row.processing_succeeded_at === null ? null : toDate(row.processing_succeeded_at),
    failureReason: row.failure_reason,
    deadlineAt: toDate(row.deadline_at),
    createdAt: toDate(row.created_at),
    updatedAt: toDate(row.updated_at),
  };
}
