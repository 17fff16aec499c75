import { Injectable } from '@nestjs/common';
import { OrderProcessingFailed } from '@saga/contracts';
import { type EventHandler, requireOrderId } from '@saga/messaging';
import { CancelOrderUseCase } from '../../application/cancel-order/cancel-order.use-case';

@Injectable()
export class CancelOrderOnOrderProcessingFailed implements EventHandler<typeof OrderProcessingFailed> {
  readonly name = 'CancelOrderOnOrderProcessingFailed';
  readonly event = OrderProcessingFailed;

  constructor(private readonly cancelOrder: CancelOrderUseCase) {}

  async handle(event: OrderProcessingFailed): Promise<void> {
    await this.cancelOrder.execute({ orderId: requireOrderId(event), reason: event.payload.reason });
  }
}
