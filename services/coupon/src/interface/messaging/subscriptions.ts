import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { ConsumerHost } from '@saga/messaging';
import { UseCases } from '../../use-cases';
import { ApplyCouponOnOrderPlaced } from './apply-coupon-on-order-placed';
import { IssueCouponOnCouponIssueRequested } from './issue-coupon-on-coupon-issue-requested';
import { RestoreCouponOnOrderProcessingFailed } from './restore-coupon-on-order-processing-failed';
import { RestoreCouponOnPaymentFailed } from './restore-coupon-on-payment-failed';

/** Every topic the coupon service consumes, one consumer group per handler (coupon.<HandlerName>). */
export function couponSubscriptions(useCases: UseCases) {
  return [
    new ApplyCouponOnOrderPlaced(useCases.applyCoupon),
    new RestoreCouponOnOrderProcessingFailed(useCases.restoreCoupon),
    new RestoreCouponOnPaymentFailed(useCases.restoreCoupon),
    new IssueCouponOnCouponIssueRequested(useCases.issueCoupon, useCases.failCouponIssue),
  ];
}

export const CONSUMER_HOST = Symbol('CONSUMER_HOST');

@Injectable()
export class Subscriptions implements OnApplicationBootstrap, OnModuleDestroy {
  constructor(
    @Inject(CONSUMER_HOST) private readonly host: ConsumerHost,
    private readonly useCases: UseCases,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.host.register(...couponSubscriptions(this.useCases));
    // joining must not hold up HTTP; readiness reports the groups until they joined
    this.host.startInBackground();
  }

  async onModuleDestroy(): Promise<void> {
    await this.host.stop();
  }
}
