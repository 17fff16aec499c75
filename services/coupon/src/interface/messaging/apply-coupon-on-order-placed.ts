import { OrderPlaced } from '@saga/contracts';
import { type EventHandler, requireOrderId } from '@saga/messaging';
import { ApplyCoupon } from '../../application/apply-coupon/apply-coupon';

export class ApplyCouponOnOrderPlaced implements EventHandler<typeof OrderPlaced> {
  readonly name = 'ApplyCouponOnOrderPlaced';
  readonly event = OrderPlaced;

  constructor(private readonly applyCoupon: ApplyCoupon<unknown>) {}

  async handle(event: OrderPlaced): Promise<void> {
    await this.applyCoupon.execute({
      eventId: event.eventId,
      orderId: requireOrderId(event),
      userId: event.payload.userId,
      couponId: event.payload.couponId,
      subtotal: event.payload.subtotal,
    });
  }
}
