import { Injectable } from '@nestjs/common';
import { CouponApplied } from '@saga/contracts';
import { type EventHandler, requireOrderId } from '@saga/messaging';
import { RecordBranchSuccessUseCase } from '../../application/record-branch-success/record-branch-success.use-case';

@Injectable()
export class RecordCouponAppliedOnCouponApplied implements EventHandler<typeof CouponApplied> {
  readonly name = 'RecordCouponAppliedOnCouponApplied';
  readonly event = CouponApplied;

  constructor(private readonly recordBranchSuccess: RecordBranchSuccessUseCase) {}

  async handle(event: CouponApplied): Promise<void> {
    await this.recordBranchSuccess.execute({
      orderId: requireOrderId(event),
      branch: 'coupon',
      discount: event.payload.discount,
      causationId: event.eventId,
    });
  }
}
