import { IssueAdmission, IssueRequestRepository, UnitOfWork } from '../ports';

export interface FailCouponIssueCommand {
  couponId: string;
  userId: string;
  /** The last error before the request was dead-lettered. */
  detail: string;
}

/**
 * A request that exhausted its retries: FAILED in the DB and its reserved unit back in the pool, so
 * the unit is not lost. Only the PENDING -> FAILED transition gives the unit back, so a repeated
 * dead-letter notification has no second effect. The user may request again.
 */
export class FailCouponIssueUseCase<Tx> {
  constructor(
    private readonly uow: UnitOfWork<Tx>,
    private readonly requests: IssueRequestRepository<Tx>,
    private readonly admission: IssueAdmission,
  ) {}

  async execute({ couponId, userId, detail }: FailCouponIssueCommand): Promise<boolean> {
    const failed = await this.uow.run((tx) => this.requests.markFailed(tx, couponId, userId, 'DEAD_LETTERED', detail));
    if (failed) await this.admission.release(couponId, userId, 'FAILED');
    return failed;
  }
}
