import {
  IssuanceMetrics,
  IssueAdmission,
  IssueRequestRepository,
  UnitOfWork,
  unrecordedIssuanceMetrics,
  UserCouponRepository,
} from '../ports';

export interface IssueCouponCommand {
  couponId: string;
  userId: string;
}

export type IssueCouponOutcome = 'issued' | 'already_held' | 'sold_out' | 'coupon_not_found';

/**
 * Turns an admitted request into a held coupon. The DB is the last guard: issued_count only grows
 * below total_quantity and (coupon, user) is unique, so redelivery or an over-admitting cache
 * (rebuilt mid-burst) can never over-issue. The cache is updated after the DB statements; when the
 * surrounding transaction then fails, the message is retried and the cache converges again.
 */
export class IssueCouponUseCase<Tx> {
  constructor(
    private readonly uow: UnitOfWork<Tx>,
    private readonly userCoupons: UserCouponRepository<Tx>,
    private readonly requests: IssueRequestRepository<Tx>,
    private readonly admission: IssueAdmission,
    private readonly metrics: IssuanceMetrics = unrecordedIssuanceMetrics,
  ) {}

  async execute({ couponId, userId }: IssueCouponCommand): Promise<IssueCouponOutcome> {
    const { result, before } = await this.uow.run(async (tx) => {
      const issued = await this.userCoupons.issue(tx, couponId, userId);
      if (issued.grant === 'granted' || issued.grant === 'already_held') {
        return { result: issued.grant === 'granted' ? 'issued' : 'already_held', before: issued.before } as const;
      }
      const reason = issued.grant === 'sold_out' ? 'SOLD_OUT' : 'COUPON_NOT_FOUND';
      await this.requests.markFailed(tx, couponId, userId, reason);
      return { result: issued.grant === 'sold_out' ? 'sold_out' : 'coupon_not_found', before: null } as const;
    });
    await this.syncCache(couponId, userId, result, before);
    if (result === 'issued') this.metrics.issued();
    return result;
  }

  private async syncCache(
    couponId: string,
    userId: string,
    result: IssueCouponOutcome,
    before: string | null,
  ): Promise<void> {
    if (result === 'sold_out' || result === 'coupon_not_found') {
      // Admitted by a cache that over-counted; no real unit stands behind it, so none is given back.
      return this.admission.setStatus(couponId, userId, 'FAILED');
    }
    // A dead-lettered request had given its unit back; issuing it after all takes the unit again.
    if (result === 'issued' && before === 'FAILED') return this.admission.reclaim(couponId, userId);
    // Granted directly while the request was pending: the request's reserved unit was not used.
    if (result === 'already_held' && before === 'PENDING') await this.admission.returnUnit(couponId);
    await this.admission.setStatus(couponId, userId, 'ISSUED');
  }
}
