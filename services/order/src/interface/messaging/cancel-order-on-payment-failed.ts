import { Injectable } from '@nestjs/common';
import { PaymentFailed } from '@saga/contracts';
import { type EventHandler, requireOrderId } from '@saga/messaging';
import { CancelOrderUseCase } from '../../application/cancel-order/cancel-order.use-case';

@Injectable()
export class CancelOrderOnPaymentFailed implements EventHandler<typeof PaymentFailed> {
  readonly name = 'CancelOrderOnPaymentFailed';
  readonly event = PaymentFailed;

  constructor(private readonly cancelOrder: CancelOrderUseCase) {}

  async handle(event: PaymentFailed): Promise<void> {
    await this.cancelOrder.execute({ orderId: requireOrderId(event), reason: event.payload.reason });
  }
}
