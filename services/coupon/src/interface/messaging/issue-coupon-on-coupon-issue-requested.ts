import { Injectable } from '@nestjs/common';
import { CouponIssueRequested } from '@saga/contracts';
import type { DeadLetterNotice, EventHandler } from '@saga/messaging';
import { FailCouponIssueUseCase } from '../../application/fail-coupon-issue/fail-coupon-issue.use-case';
import { IssueCouponUseCase } from '../../application/issue-coupon/issue-coupon.use-case';

@Injectable()
export class IssueCouponOnCouponIssueRequested implements EventHandler<typeof CouponIssueRequested> {
  readonly name = 'IssueCouponOnCouponIssueRequested';
  readonly event = CouponIssueRequested;

  constructor(
    private readonly issueCoupon: IssueCouponUseCase<unknown>,
    private readonly failCouponIssue: FailCouponIssueUseCase<unknown>,
  ) {}

  async handle(event: CouponIssueRequested): Promise<void> {
    await this.issueCoupon.execute({ couponId: event.payload.couponId, userId: event.payload.userId });
  }

  /** Retries exhausted: the request becomes FAILED and its reserved unit goes back to the pool. */
  async onDeadLetter(event: CouponIssueRequested, deadLetter: DeadLetterNotice): Promise<void> {
    await this.failCouponIssue.execute({ ...event.payload, detail: deadLetter.reason });
  }
}
