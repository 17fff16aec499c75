export type DiscountType = 'FIXED' | 'PERCENT';

export interface CouponDefinition {
  id: string;
  name: string;
  discountType: DiscountType;
  /** FIXED: minor units off; PERCENT: 1..100. */
  discountValue: number;
  totalQuantity: number;
}

export interface Coupon extends CouponDefinition {
  issuedCount: number;
}

export class InvalidCouponDefinitionError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.name = 'InvalidCouponDefinitionError';
  }
}

export function assertValidDefinition(definition: CouponDefinition): void {
  const { discountType, discountValue, totalQuantity } = definition;
  if (!Number.isSafeInteger(discountValue) || discountValue < 0) {
    throw new InvalidCouponDefinitionError('discountValue', 'must be a non-negative integer');
  }
  if (discountType === 'PERCENT' && (discountValue < 1 || discountValue > 100)) {
    throw new InvalidCouponDefinitionError('discountValue', 'a PERCENT discount must be between 1 and 100');
  }
  if (!Number.isSafeInteger(totalQuantity) || totalQuantity < 0) {
    throw new InvalidCouponDefinitionError('totalQuantity', 'must be a non-negative integer');
  }
}

/**
 * Discount in integer minor units, never above the subtotal. BigInt keeps subtotal * percent exact
 * for subtotals beyond 2^53 / 100.
 */
export function discountFor(coupon: Pick<Coupon, 'discountType' | 'discountValue'>, subtotal: number): number {
  if (coupon.discountType === 'FIXED') return Math.min(coupon.discountValue, subtotal);
  return Number((BigInt(subtotal) * BigInt(coupon.discountValue)) / 100n);
}
