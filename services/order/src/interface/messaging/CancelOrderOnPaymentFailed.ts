import { PaymentFailed, Topics } from '@saga/contracts';
import type { EventHandler } from '@saga/messaging';
import { orderIdOf } from './order-id-of';
import { CancelOrder } from '../../application/cancel-order/cancel-order.use-case';

export class CancelOrderOnPaymentFailed implements EventHandler<PaymentFailed> {
  readonly name = 'CancelOrderOnPaymentFailed';
  readonly topic = Topics.OrderPaymentFail;

  constructor(private readonly cancelOrder: CancelOrder) {}

  async handle(event: PaymentFailed): Promise<void> {
    await this.cancelOrder.execute({ orderId: orderIdOf(event), reason: event.payload.reason });
  }
}
