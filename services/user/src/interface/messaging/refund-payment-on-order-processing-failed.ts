import { Injectable } from '@nestjs/common';
import { OrderProcessingFailed } from '@saga/contracts';
import { type EventHandler, requireOrderId } from '@saga/messaging';
import { RefundPaymentUseCase } from '../../application/refund-payment/refund-payment.use-case';

@Injectable()
export class RefundPaymentOnOrderProcessingFailed implements EventHandler<typeof OrderProcessingFailed> {
  readonly name = 'RefundPaymentOnOrderProcessingFailed';
  readonly event = OrderProcessingFailed;

  constructor(private readonly refundPayment: RefundPaymentUseCase) {}

  async handle(event: OrderProcessingFailed): Promise<void> {
    await this.refundPayment.execute({ orderId: requireOrderId(event), reason: event.payload.reason });
  }
}
