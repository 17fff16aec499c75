import { FailureReason } from '@saga/contracts';
import { Order } from '../../domain/order';
import { TransactionRunner } from '../shared/transaction';

export interface CancelOrderCommand {
  orderId: string;
  reason: FailureReason;
}

export interface CancelOrderStore {
  /** Non-terminal -> CANCELLED with the reason; null for a terminal or unknown order (never un-completes). */
  markCancelled(orderId: string, reason: string): Promise<Order | null>;
}

/** A participant already published the fail event; the order only records the outcome. */
export class CancelOrder {
  constructor(private readonly uow: TransactionRunner<{ orders: CancelOrderStore }>) {}

  execute(command: CancelOrderCommand): Promise<'cancelled' | 'ignored'> {
    return this.uow.run(async ({ orders }) => {
      const order = await orders.markCancelled(command.orderId, command.reason);
      return order ? 'cancelled' : 'ignored';
    });
  }
}
