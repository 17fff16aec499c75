import { OrderProcessingFailed, Topics } from '@saga/contracts';
import type { EventHandler } from '@saga/messaging';
import { orderIdOf } from './order-id-of';
import { CancelOrder } from '../../application/cancel-order/cancel-order.use-case';

export class CancelOrderOnOrderProcessingFailed implements EventHandler<OrderProcessingFailed> {
  readonly name = 'CancelOrderOnOrderProcessingFailed';
  readonly topic = Topics.OrderProcessingFail;

  constructor(private readonly cancelOrder: CancelOrder) {}

  async handle(event: OrderProcessingFailed): Promise<void> {
    await this.cancelOrder.execute({ orderId: orderIdOf(event), reason: event.payload.reason });
  }
}
