import { createEvent, PaymentRequested } from '@saga/contracts';
import { Order } from '../../domain/order';
import { TransactionRunner } from '../shared/transaction';

export interface RequestPaymentCommand {
  orderId: string;
  causationId: string;
}

export interface RequestPaymentStore {
  /** PENDING with processing succeeded -> PAYMENT_REQUESTED; null when the transition does not apply. */
  markPaymentRequested(orderId: string): Promise<Order | null>;
}

export class RequestPayment {
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
