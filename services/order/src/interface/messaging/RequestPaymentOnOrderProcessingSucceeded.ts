import { OrderProcessingSucceeded, Topics } from '@saga/contracts';
import type { EventHandler } from '@saga/messaging';
import { orderIdOf } from './order-id-of';
import { RequestPayment } from '../../application/request-payment/request-payment.use-case';

export class RequestPaymentOnOrderProcessingSucceeded implements EventHandler<OrderProcessingSucceeded> {
  readonly name = 'RequestPaymentOnOrderProcessingSucceeded';
  readonly topic = Topics.OrderProcessingSuccess;

  constructor(private readonly requestPayment: RequestPayment) {}

  async handle(event: OrderProcessingSucceeded): Promise<void> {
    await this.requestPayment.execute({ orderId: orderIdOf(event), causationId: event.eventId });
  }
}
