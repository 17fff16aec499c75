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

/** What the database decided for an admitted request. */
export type AdmittedOutcome = 'issued' | 'already_requested' | 'sold_out' | 'coupon_not_found';

export interface AdmittedRequest {
  couponId: string;
  userId: string;
}

/**
 * Decides admitted requests in admission order against the database's truth: a pair with a live request or
 * a holding is already settled, a coupon gives at most its units left, a coupon the database lacks gives
 * none. The cache admits first; this is the guard that makes an over-admitting cache (rebuilt mid-burst)
 * harmless. `unitsLeft` has no entry for a coupon that does not exist.
 */
export function allocateUnits(
  requests: readonly AdmittedRequest[],
  unitsLeft: ReadonlyMap<string, number>,
  isSettled: (request: AdmittedRequest) => boolean,
): AdmittedOutcome[] {
  const left = new Map(unitsLeft);
  return requests.map((request) => {
    const units = left.get(request.couponId);
    if (units === undefined) return 'coupon_not_found';
    if (isSettled(request)) return 'already_requested';
    if (units <= 0) return 'sold_out';
    left.set(request.couponId, units - 1);
    return 'issued';
  });
}
