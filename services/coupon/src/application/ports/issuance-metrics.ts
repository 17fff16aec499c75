import { AdmissionOutcome } from '../../domain';

export type IssueRejection = Exclude<AdmissionOutcome, 'reserved'>;

/** First-come-first-served issuance counts for the metrics (coupon_issue_*), recorded after the work returned. */
export interface IssuanceMetrics {
  /** A request the cache admitted and the database issued. */
  admitted(): void;
  rejected(reason: IssueRejection): void;
  /** An admitted request ended with the coupon granted. */
  issued(): void;
}

/** For use cases built without metrics (unit tests of unrelated behaviour). */
export const unrecordedIssuanceMetrics: IssuanceMetrics = {
  admitted: () => undefined,
  rejected: () => undefined,
  issued: () => undefined,
};
