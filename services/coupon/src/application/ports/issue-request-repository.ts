import { AdmissionSnapshot, IssueFailureReason, IssueStatus } from '../../domain';

export type RecordedStatus = Exclude<IssueStatus, 'NOT_REQUESTED'>;

export interface IssueRequestKey {
  couponId: string;
  userId: string;
}

/** What decides admitted requests, read while their coupons are locked. */
export interface IssueState {
  /** total - issued - PENDING per existing coupon; a missing coupon has no entry. */
  unitsLeft: Map<string, number>;
  /** Pairs of the batch with a PENDING/ISSUED request or a holding. */
  settled: IssueRequestKey[];
}

export interface IssueRequestRepository<Tx = unknown> {
  /**
   * Locks the requests' coupons (in id order: concurrent batches of N instances never deadlock) and then
   * reads their state, so every grant, issue and batch of the same coupon is seen or waits.
   */
  lockForIssue(tx: Tx, requests: readonly IssueRequestKey[]): Promise<IssueState>;
  /**
   * Writes decided requests in one statement: each issued one counted on its coupon, held and ISSUED;
   * each sold-out one FAILED with SOLD_OUT. Throws when the database disagrees (the transaction rolls back).
   */
  recordDecisions(tx: Tx, issued: readonly IssueRequestKey[], soldOut: readonly IssueRequestKey[]): Promise<void>;
  /** Sets ISSUED and returns the status before (null when no request was recorded). */
  markIssued(tx: Tx, couponId: string, userId: string): Promise<RecordedStatus | null>;
  /** PENDING -> FAILED with the reason; false when the request was not PENDING (already settled). */
  markFailed(tx: Tx, couponId: string, userId: string, reason: IssueFailureReason, detail?: string): Promise<boolean>;
  /** Status from the database: request row first, then holding the coupon (a grant) counts as ISSUED. */
  statusOf(tx: Tx, couponId: string, userId: string): Promise<IssueStatus>;
  /** null when the coupon does not exist. */
  admissionSnapshot(tx: Tx, couponId: string): Promise<AdmissionSnapshot | null>;
}
