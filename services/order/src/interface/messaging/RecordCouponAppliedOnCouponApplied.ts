import { CouponApplied, Topics } from '@saga/contracts';
import type { EventHandler } from '@saga/messaging';
import { orderIdOf } from './order-id-of';
import { RecordBranchSuccess } from '../../application/record-branch-success/record-branch-success.use-case';

export class RecordCouponAppliedOnCouponApplied implements EventHandler<CouponApplied> {
  readonly name = 'RecordCouponAppliedOnCouponApplied';
  readonly topic = Topics.OrderProcessingCouponSuccess;

  constructor(private readonly recordBranchSuccess: RecordBranchSuccess) {}

  async handle(event: CouponApplied): Promise<void> {
    await this.recordBranchSuccess.execute({
      orderId: orderIdOf(event),
      branch: 'coupon',
      discount: event.payload.discount,
      causationId: event.eventId,
    });
  }
}
