import { Injectable } from '@nestjs/common';
import { PaymentFailed } from '@saga/contracts';
import { type EventHandler, requireOrderId } from '@saga/messaging';
import { RestoreCouponUseCase } from '../../application/restore-coupon/restore-coupon.use-case';

@Injectable()
export class RestoreCouponOnPaymentFailed implements EventHandler<typeof PaymentFailed> {
  readonly name = 'RestoreCouponOnPaymentFailed';
  readonly event = PaymentFailed;

  constructor(private readonly restoreCoupon: RestoreCouponUseCase<unknown>) {}

  async handle(event: PaymentFailed): Promise<void> {
    await this.restoreCoupon.execute({
      orderId: requireOrderId(event),
      reason: `${this.event.topic}: ${event.payload.reason}`,
    });
  }
}
