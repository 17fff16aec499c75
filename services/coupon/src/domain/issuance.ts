/** Lifecycle of a first-come-first-served issue request as a customer sees it. */
export type IssueStatus = 'PENDING' | 'ISSUED' | 'FAILED' | 'NOT_REQUESTED';

/** Outcome of the atomic admission step (one unit reserved and the user recorded, or why not). */
export type AdmissionOutcome = 'reserved' | 'sold_out' | 'already_requested';

/** Why an accepted request did not end with a coupon. */
export type IssueFailureReason = 'SOLD_OUT' | 'COUPON_NOT_FOUND' | 'DEAD_LETTERED';

/**
 * What the admission cache must hold for a coupon, computed from the database (the source of truth).
 * Units are taken by holders and by requests still PENDING; a FAILED request gave its unit back.
 */
export interface AdmissionSnapshot {
  couponId: string;
  remaining: number;
  /** Users who may not request again: holders and PENDING/ISSUED requesters. */
  users: string[];
  statuses: Record<string, Exclude<IssueStatus, 'NOT_REQUESTED'>>;
}

export function remainingUnits(totalQuantity: number, issuedCount: number, pendingRequests: number): number {
  return Math.max(0, totalQuantity - issuedCount - pendingRequests);
}
