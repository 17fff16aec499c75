import { Injectable } from '@nestjs/common';
import { OrderPlaced } from '@saga/contracts';
import { type EventHandler, requireOrderId } from '@saga/messaging';
import { ApplyCouponUseCase } from '../../application/apply-coupon/apply-coupon.use-case';

@Injectable()
export class ApplyCouponOnOrderPlaced implements EventHandler<typeof OrderPlaced> {
  readonly name = 'ApplyCouponOnOrderPlaced';
  readonly event = OrderPlaced;

  constructor(private readonly applyCoupon: ApplyCouponUseCase<unknown>) {}

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
