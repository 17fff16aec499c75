import { PaymentFailed } from '@saga/contracts';
import { type EventHandler, requireOrderId } from '@saga/messaging';
import { CancelOrder } from '../../application/cancel-order/cancel-order.use-case';

export class CancelOrderOnPaymentFailed implements EventHandler<typeof PaymentFailed> {
  readonly name = 'CancelOrderOnPaymentFailed';
  readonly event = PaymentFailed;

  constructor(private readonly cancelOrder: CancelOrder) {}

  async handle(event: PaymentFailed): Promise<void> {
    await this.cancelOrder.execute({ orderId: requireOrderId(event), reason: event.payload.reason });
  }
}
