import { FailureReason } from '@saga/contracts';
import { TransactionRunner } from '../ports/transaction';
import type { CancelOrderStore } from '../ports/cancel-order-store';

export interface CancelOrderCommand {
  orderId: string;
  reason: FailureReason;
}

/** A participant already published the fail event; the order only records the outcome. */
export class CancelOrderUseCase {
  constructor(private readonly uow: TransactionRunner<{ orders: CancelOrderStore }>) {}

  execute(command: CancelOrderCommand): Promise<'cancelled' | 'ignored'> {
    return this.uow.run(async ({ orders }) => {
      const order = await orders.markCancelled(command.orderId, command.reason);
      return order ? 'cancelled' : 'ignored';
    });
  }
}
