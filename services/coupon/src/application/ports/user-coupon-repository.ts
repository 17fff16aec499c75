import { UserCoupon } from '../../domain';
import { RecordedStatus } from './issue-request-repository';

export type GrantOutcome = 'granted' | 'already_held' | 'sold_out' | 'not_found';

/** What issuing a requested coupon did; `before` is the request's status before it became ISSUED. */
export type IssueGrant =
  { grant: 'granted' | 'already_held'; before: RecordedStatus | null } | { grant: 'sold_out' | 'not_found' };

export interface UserCouponRepository<Tx = unknown> {
  /**
   * Gives the user one unit: issued_count + 1 only while below total_quantity (conditional update)
   * and one user_coupon row per (coupon, user) (unique key), both in the caller's transaction.
   */
  grant(tx: Tx, couponId: string, userId: string): Promise<GrantOutcome>;
  /**
   * grant for an issue request, and when the user holds the coupon afterwards (granted or already
   * held) the request marked ISSUED, in the caller's transaction. The request is left as it is
   * otherwise (the caller marks it FAILED).
   */
  issue(tx: Tx, couponId: string, userId: string): Promise<IssueGrant>;
  find(tx: Tx, couponId: string, userId: string): Promise<UserCoupon | null>;
  listByUser(tx: Tx, userId: string): Promise<UserCoupon[]>;
  /** AVAILABLE -> USED by this order; false when the row is not AVAILABLE (or absent). */
  markUsed(tx: Tx, couponId: string, userId: string, orderId: string): Promise<boolean>;
  /** USED by this order -> AVAILABLE; false when this order holds no usage. */
  releaseUsageOf(tx: Tx, orderId: string): Promise<boolean>;
}
