import { Injectable } from '@nestjs/common';
import { OrderProcessingFailed } from '@saga/contracts';
import { type EventHandler, requireOrderId } from '@saga/messaging';
import { RestoreCouponUseCase } from '../../application/restore-coupon/restore-coupon.use-case';

@Injectable()
export class RestoreCouponOnOrderProcessingFailed implements EventHandler<typeof OrderProcessingFailed> {
  readonly name = 'RestoreCouponOnOrderProcessingFailed';
  readonly event = OrderProcessingFailed;

  constructor(private readonly restoreCoupon: RestoreCouponUseCase<unknown>) {}

  async handle(event: OrderProcessingFailed): Promise<void> {
    await this.restoreCoupon.execute({
      orderId: requireOrderId(event),
      reason: `${this.event.topic}: ${event.payload.reason}`,
    });
  }
}
