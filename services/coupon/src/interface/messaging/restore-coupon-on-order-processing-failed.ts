import { OrderProcessingFailed, Topics } from '@saga/contracts';
import type { EventHandler } from '@saga/messaging';
import { RestoreCoupon } from '../../application/restore-coupon/restore-coupon';

export class RestoreCouponOnOrderProcessingFailed implements EventHandler<OrderProcessingFailed> {
  readonly name = 'RestoreCouponOnOrderProcessingFailed';
  readonly topic = Topics.OrderProcessingFail;

  constructor(private readonly restoreCoupon: RestoreCoupon<unknown>) {}

  async handle(event: OrderProcessingFailed): Promise<void> {
    await this.restoreCoupon.execute({ orderId: event.orderId!, reason: `${this.topic}: ${event.payload.reason}` });
  }
}
