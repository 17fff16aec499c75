import { Injectable } from '@nestjs/common';
import { OrderProcessingSucceeded } from '@saga/contracts';
import { type EventHandler, requireOrderId } from '@saga/messaging';
import { RequestPaymentUseCase } from '../../application/request-payment/request-payment.use-case';

@Injectable()
export class RequestPaymentOnOrderProcessingSucceeded implements EventHandler<typeof OrderProcessingSucceeded> {
  readonly name = 'RequestPaymentOnOrderProcessingSucceeded';
  readonly event = OrderProcessingSucceeded;

  constructor(private readonly requestPayment: RequestPaymentUseCase) {}

  async handle(event: OrderProcessingSucceeded): Promise<void> {
    await this.requestPayment.execute({ orderId: requireOrderId(event), causationId: event.eventId });
  }
}
