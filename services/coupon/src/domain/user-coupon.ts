export type UserCouponStatus = 'AVAILABLE' | 'USED';

export interface UserCoupon {
  couponId: string;
  userId: string;
  status: UserCouponStatus;
  usedByOrderId: string | null;
  issuedAt: Date;
}

/** Why a coupon cannot be applied to an order (names match the saga FailureReason values). */
export type CouponRefusal = 'COUPON_NOT_FOUND' | 'COUPON_NOT_OWNED' | 'COUPON_ALREADY_USED';

/**
 * Decides the refusal once the conditional AVAILABLE -> USED update matched nothing.
 * 'applied' means this very order already holds the usage (a redelivery): no second effect.
 */
export function explainUnusable(held: UserCoupon | null, orderId: string): CouponRefusal | 'applied' {
  if (!held) return 'COUPON_NOT_OWNED';
  if (held.status === 'USED' && held.usedByOrderId === orderId) return 'applied';
  return 'COUPON_ALREADY_USED';
}
