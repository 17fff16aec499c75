import { Injectable } from '@nestjs/common';
import { PaymentSucceeded } from '@saga/contracts';
import { type EventHandler, requireOrderId } from '@saga/messaging';
import { CompleteOrderUseCase } from '../../application/complete-order/complete-order.use-case';

@Injectable()
export class CompleteOrderOnPaymentSucceeded implements EventHandler<typeof PaymentSucceeded> {
  readonly name = 'CompleteOrderOnPaymentSucceeded';
  readonly event = PaymentSucceeded;

  constructor(private readonly completeOrder: CompleteOrderUseCase) {}

  async handle(event: PaymentSucceeded): Promise<void> {
    await this.completeOrder.execute({ orderId: requireOrderId(event), causationId: event.eventId });
  }
}
