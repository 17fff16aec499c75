import { Injectable } from '@nestjs/common';
import { Topics, type OrderProcessingFailed } from '@saga/contracts';
import type { EventHandler } from '@saga/messaging';
import { RefundPaymentUseCase } from '../../application/refund-payment/refund-payment.use-case';
import { requireOrderId } from './require-order-id';

@Injectable()
export class RefundPaymentOnOrderProcessingFailed implements EventHandler<OrderProcessingFailed> {
  readonly name = 'RefundPaymentOnOrderProcessingFailed';
  readonly topic = Topics.OrderProcessingFail;

  constructor(private readonly refundPayment: RefundPaymentUseCase) {}

  async handle(event: OrderProcessingFailed): Promise<void> {
    await this.refundPayment.execute({ orderId: requireOrderId(event), reason: event.payload.reason });
  }
}
