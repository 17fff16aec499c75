import { createEvent, PaymentRequested } from '@saga/contracts';
import { TransactionRunner } from '../ports/transaction';
import type { RequestPaymentStore } from '../ports/request-payment-store';

export interface RequestPaymentCommand {
  orderId: string;
  causationId: string;
}

export class RequestPaymentUseCase {
  constructor(private readonly uow: TransactionRunner<{ orders: RequestPaymentStore }>) {}

  execute(command: RequestPaymentCommand): Promise<'payment-requested' | 'ignored'> {
    return this.uow.run(async ({ orders }, outbox) => {
      const order = await orders.markPaymentRequested(command.orderId);
      if (!order) return 'ignored';
      await outbox.append(
        createEvent(PaymentRequested, {
          orderId: order.id,
          causationId: command.causationId,
          payload: { userId: order.userId, amount: order.total },
        }),
      );
      return 'payment-requested';
    });
  }
}
