import { AdmissionSnapshot, IssueFailureReason, IssueStatus } from '../../domain';

export type RecordedStatus = Exclude<IssueStatus, 'NOT_REQUESTED'>;

export interface IssueRequestKey {
  couponId: string;
  userId: string;
}

export interface IssueRequestRepository<Tx = unknown> {
  /**
   * Records each request PENDING (a FAILED one is revived) and returns those it recorded; a request with a
   * PENDING/ISSUED row is left out. At most one entry per (coupon, user).
   */
  recordPending(tx: Tx, requests: readonly IssueRequestKey[]): Promise<IssueRequestKey[]>;
  /** Sets ISSUED and returns the status before (null when no request was recorded). */
  markIssued(tx: Tx, couponId: string, userId: string): Promise<RecordedStatus | null>;
  /** PENDING -> FAILED with the reason; false when the request was not PENDING (already settled). */
  markFailed(tx: Tx, couponId: string, userId: string, reason: IssueFailureReason, detail?: string): Promise<boolean>;
  /** Status from the database: request row first, then holding the coupon (a grant) counts as ISSUED. */
  statusOf(tx: Tx, couponId: string, userId: string): Promise<IssueStatus>;
  /** null when the coupon does not exist. */
  admissionSnapshot(tx: Tx, couponId: string): Promise<AdmissionSnapshot | null>;
}
