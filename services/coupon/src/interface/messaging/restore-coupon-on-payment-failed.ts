import { PaymentFailed } from '@saga/contracts';
import { type EventHandler, requireOrderId } from '@saga/messaging';
import { RestoreCoupon } from '../../application/restore-coupon/restore-coupon';

export class RestoreCouponOnPaymentFailed implements EventHandler<typeof PaymentFailed> {
  readonly name = 'RestoreCouponOnPaymentFailed';
  readonly event = PaymentFailed;

  constructor(private readonly restoreCoupon: RestoreCoupon<unknown>) {}

  async handle(event: PaymentFailed): Promise<void> {
    await this.restoreCoupon.execute({ orderId: requireOrderId(event), reason: `${this.event.topic}: ${event.payload.reason}` });
  }
}
