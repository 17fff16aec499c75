import { PaymentSucceeded, Topics } from '@saga/contracts';
import type { EventHandler } from '@saga/messaging';
import { orderIdOf } from './order-id-of';
import { CompleteOrder } from '../../application/complete-order/complete-order.use-case';

export class CompleteOrderOnPaymentSucceeded implements EventHandler<PaymentSucceeded> {
  readonly name = 'CompleteOrderOnPaymentSucceeded';
  readonly topic = Topics.OrderPaymentSuccess;

  constructor(private readonly completeOrder: CompleteOrder) {}

  async handle(event: PaymentSucceeded): Promise<void> {
    await this.completeOrder.execute({ orderId: orderIdOf(event), causationId: event.eventId });
  }
}
