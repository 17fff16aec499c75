import { CouponIssueRequested } from '@saga/contracts';
import type { DeadLetterNotice, EventHandler } from '@saga/messaging';
import { FailCouponIssue } from '../../application/fail-coupon-issue/fail-coupon-issue';
import { IssueCoupon } from '../../application/issue-coupon/issue-coupon';

export class IssueCouponOnCouponIssueRequested implements EventHandler<typeof CouponIssueRequested> {
  readonly name = 'IssueCouponOnCouponIssueRequested';
  readonly event = CouponIssueRequested;

  constructor(
    private readonly issueCoupon: IssueCoupon<unknown>,
    private readonly failCouponIssue: FailCouponIssue<unknown>,
  ) {}

  async handle(event: CouponIssueRequested): Promise<void> {
    await this.issueCoupon.execute({ couponId: event.payload.couponId, userId: event.payload.userId });
  }

  /** Retries exhausted: the request becomes FAILED and its reserved unit goes back to the pool. */
  async onDeadLetter(event: CouponIssueRequested, deadLetter: DeadLetterNotice): Promise<void> {
    await this.failCouponIssue.execute({ ...event.payload, detail: deadLetter.reason });
  }
}
