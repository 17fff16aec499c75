import { UserCoupon } from '../../domain';

export type GrantOutcome = 'granted' | 'already_held' | 'sold_out' | 'not_found';

export interface UserCouponRepository<Tx = unknown> {
  /**
   * Gives the user one unit: issued_count + 1 only while below total_quantity (conditional update)
   * and one user_coupon row per (coupon, user) (unique key), both in the caller's transaction.
   */
  grant(tx: Tx, couponId: string, userId: string): Promise<GrantOutcome>;
  find(tx: Tx, couponId: string, userId: string): Promise<UserCoupon | null>;
  listByUser(tx: Tx, userId: string): Promise<UserCoupon[]>;
  /** AVAILABLE -> USED by this order; false when the row is not AVAILABLE (or absent). */
  markUsed(tx: Tx, couponId: string, userId: string, orderId: string): Promise<boolean>;
  /** USED by this order -> AVAILABLE; false when this order holds no usage. */
  releaseUsageOf(tx: Tx, orderId: string): Promise<boolean>;
}
