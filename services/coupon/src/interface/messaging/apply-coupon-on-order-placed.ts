import { OrderPlaced, Topics } from '@saga/contracts';
import type { EventHandler } from '@saga/messaging';
import { ApplyCoupon } from '../../application/apply-coupon/apply-coupon';

export class ApplyCouponOnOrderPlaced implements EventHandler<OrderPlaced> {
  readonly name = 'ApplyCouponOnOrderPlaced';
  readonly topic = Topics.OrderProcessing;

  constructor(private readonly applyCoupon: ApplyCoupon<unknown>) {}

  async handle(event: OrderPlaced): Promise<void> {
    await this.applyCoupon.execute({
      eventId: event.eventId,
      orderId: event.orderId!,
      userId: event.payload.userId,
      couponId: event.payload.couponId,
      subtotal: event.payload.subtotal,
    });
  }
}
