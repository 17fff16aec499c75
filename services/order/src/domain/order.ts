import { OrderStatus, isTerminal } from './order-status';

/** A parallel step of order processing whose success the aggregator waits for. */
export type ProcessingBranch = 'stock' | 'coupon';

export interface OrderLine {
  productId: string;
  quantity: number;
  /** Integer minor units. */
  unitPrice: number;
}

export interface Order {
  id: string;
  userId: string;
  status: OrderStatus;
  items: OrderLine[];
  subtotal: number;
  discount: number;
  total: number;
  couponId: string | null;
  stockReserved: boolean;
  couponApplied: boolean;
  processingSucceededAt: Date | null;
  failureReason: string | null;
  deadlineAt: Date;
  createdAt: Date;
  updatedAt: Date;
}

/** Stock is always required; the coupon branch only when the order carries a coupon. */
export function requiredBranches(order: Pick<Order, 'couponId'>): ProcessingBranch[] {
  return order.couponId === null ? ['stock'] : ['stock', 'coupon'];
}

export function arrivedBranches(order: Pick<Order, 'stockReserved' | 'couponApplied'>): ProcessingBranch[] {
  const arrived: ProcessingBranch[] = [];
  if (order.stockReserved) arrived.push('stock');
  if (order.couponApplied) arrived.push('coupon');
  return arrived;
}

export function allBranchesArrived(order: Pick<Order, 'couponId' | 'stockReserved' | 'couponApplied'>): boolean {
  const arrived = arrivedBranches(order);
  return requiredBranches(order).every((branch) => arrived.includes(branch));
}

/** A branch success only counts while the order is still being processed. */
export function acceptsBranchSuccess(order: Pick<Order, 'status' | 'couponId'>, branch: ProcessingBranch): boolean {
  return order.status === 'PENDING' && requiredBranches(order).includes(branch);
}

/** The one-time transition that licenses emitting OrderProcessingSucceeded and requesting the payment. */
export function canMarkProcessingSucceeded(order: Order): boolean {
  return order.status === 'PENDING' && order.processingSucceededAt === null && allBranchesArrived(order);
}

export function canComplete(order: Pick<Order, 'status'>): boolean {
  return order.status === 'PAYMENT_REQUESTED';
}

/** Cancellation never touches a terminal order: a COMPLETED order is never un-completed. */
export function canCancel(order: Pick<Order, 'status'>): boolean {
  return !isTerminal(order.status);
}

/** Discount is clamped to the subtotal so the total is never negative. */
export function applyDiscount(subtotal: number, discount: number): { discount: number; total: number } {
  const applied = Math.min(Math.max(discount, 0), subtotal);
  return { discount: applied, total: subtotal - applied };
}
