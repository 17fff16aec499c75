import { OrderProcessingSucceeded } from '@saga/contracts';
import { type EventHandler, requireOrderId } from '@saga/messaging';
import { RequestPayment } from '../../application/request-payment/request-payment.use-case';

export class RequestPaymentOnOrderProcessingSucceeded implements EventHandler<typeof OrderProcessingSucceeded> {
  readonly name = 'RequestPaymentOnOrderProcessingSucceeded';
  readonly event = OrderProcessingSucceeded;

  constructor(private readonly requestPayment: RequestPayment) {}

  async handle(event: OrderProcessingSucceeded): Promise<void> {
    await this.requestPayment.execute({ orderId: requireOrderId(event), causationId: event.eventId });
  }
}
