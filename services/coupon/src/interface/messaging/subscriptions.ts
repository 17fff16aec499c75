import { ApplyCouponOnOrderPlaced } from './apply-coupon-on-order-placed';
import { IssueCouponOnCouponIssueRequested } from './issue-coupon-on-coupon-issue-requested';
import { RestoreCouponOnOrderProcessingFailed } from './restore-coupon-on-order-processing-failed';
import { RestoreCouponOnPaymentFailed } from './restore-coupon-on-payment-failed';

/** Every topic the coupon service consumes, in its one consumer group `coupon`; inbox key `coupon.<Handler>`. */
export const COUPON_HANDLERS = [
  ApplyCouponOnOrderPlaced,
  RestoreCouponOnOrderProcessingFailed,
  RestoreCouponOnPaymentFailed,
  IssueCouponOnCouponIssueRequested,
];
