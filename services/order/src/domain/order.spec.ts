import {
  acceptsBranchSuccess,
  allBranchesArrived,
  applyDiscount,
  canCancel,
  canComplete,
  canMarkProcessingSucceeded,
  Order,
  requiredBranches,
} from './order';
import { OrderStatuses } from './order-status';

const order = (over: Partial<Order> = {}): Order => ({
  id: 'o1',
  userId: 'u1',
  status: 'PENDING',
  items: [{ productId: 'p1', quantity: 1, unitPrice: 1000 }],
  subtotal: 1000,
  discount: 0,
  total: 1000,
  couponId: null,
  stockReserved: false,
  couponApplied: false,
  processingSucceededAt: null,
  failureReason: null,
  deadlineAt: new Date(),
  createdAt: new Date(),
  updatedAt: new Date(),
  ...over,
});

describe('order processing branches', () => {
  it('requires the coupon branch only when the order has a coupon', () => {
    expect(requiredBranches({ couponId: null })).toEqual(['stock']);
    expect(requiredBranches({ couponId: 'c1' })).toEqual(['stock', 'coupon']);
  });

  it('is complete without a coupon once stock arrived', () => {
    expect(allBranchesArrived(order({ stockReserved: true }))).toBe(true);
  });

  it('waits for both branches when the order has a coupon', () => {
    expect(allBranchesArrived(order({ couponId: 'c1', stockReserved: true }))).toBe(false);
    expect(allBranchesArrived(order({ couponId: 'c1', couponApplied: true }))).toBe(false);
    expect(allBranchesArrived(order({ couponId: 'c1', stockReserved: true, couponApplied: true }))).toBe(true);
  });

  it('accepts branch successes only while PENDING and only for required branches', () => {
    expect(acceptsBranchSuccess(order(), 'stock')).toBe(true);
    expect(acceptsBranchSuccess(order(), 'coupon')).toBe(false);
    expect(acceptsBranchSuccess(order({ couponId: 'c1' }), 'coupon')).toBe(true);
    for (const status of OrderStatuses.filter((s) => s !== 'PENDING')) {
      expect(acceptsBranchSuccess(order({ status }), 'stock')).toBe(false);
    }
  });

  it('marks processing succeeded once: never when already marked', () => {
    expect(canMarkProcessingSucceeded(order({ stockReserved: true }))).toBe(true);
    expect(canMarkProcessingSucceeded(order({ stockReserved: true, processingSucceededAt: new Date() }))).toBe(false);
    expect(canMarkProcessingSucceeded(order({ stockReserved: true, status: 'CANCELLED' }))).toBe(false);
  });
});

describe('order state machine', () => {
  it('completes only from PAYMENT_REQUESTED', () => {
    for (const status of OrderStatuses) expect(canComplete({ status })).toBe(status === 'PAYMENT_REQUESTED');
  });

  it('cancels only non-terminal orders (a COMPLETED order is never un-completed)', () => {
    expect(canCancel({ status: 'PENDING' })).toBe(true);
    expect(canCancel({ status: 'PAYMENT_REQUESTED' })).toBe(true);
    expect(canCancel({ status: 'COMPLETED' })).toBe(false);
    expect(canCancel({ status: 'CANCELLED' })).toBe(false);
  });
});

describe('applyDiscount', () => {
  it('subtracts the discount in minor units', () => {
    expect(applyDiscount(10_000, 1_500)).toEqual({ discount: 1_500, total: 8_500 });
  });

  it('never makes the total negative', () => {
    expect(applyDiscount(1_000, 5_000)).toEqual({ discount: 1_000, total: 0 });
  });

  it('keeps subtotal = discount + total for any input', () => {
    for (const [subtotal, discount] of [
      [0, 0],
      [0, 10],
      [999, 1],
      [12_345, 12_345],
      [5, -3],
    ] as const) {
      const result = applyDiscount(subtotal, discount);
      expect(result.discount + result.total).toBe(subtotal);
      expect(result.total).toBeGreaterThanOrEqual(0);
    }
  });
});
