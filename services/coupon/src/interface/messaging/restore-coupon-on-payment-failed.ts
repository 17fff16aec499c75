import { PaymentFailed, Topics } from '@saga/contracts';
import type { EventHandler } from '@saga/messaging';
import { RestoreCoupon } from '../../application/restore-coupon/restore-coupon';

export class RestoreCouponOnPaymentFailed implements EventHandler<PaymentFailed> {
  readonly name = 'RestoreCouponOnPaymentFailed';
  readonly topic = Topics.OrderPaymentFail;

  constructor(private readonly restoreCoupon: RestoreCoupon<unknown>) {}

  async handle(event: PaymentFailed): Promise<void> {
    await this.restoreCoupon.execute({ orderId: event.orderId!, reason: `${this.topic}: ${event.payload.reason}` });
  }
}
