import { FailureReason } from '@saga/contracts';
import { Order } from '../../domain/order';
import { SagaMetrics, unrecordedSagaMetrics } from '../ports/saga-metrics';
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
  constructor(
    private readonly uow: TransactionRunner<{ orders: CancelOrderStore }>,
    private readonly metrics: SagaMetrics = unrecordedSagaMetrics,
  ) {}

  async execute(command: CancelOrderCommand): Promise<'cancelled' | 'ignored'> {
    const order = await this.uow.run(({ orders }) => orders.markCancelled(command.orderId, command.reason));
    if (!order) return 'ignored';
    this.metrics.cancelled(command.reason, order.createdAt);
    return 'cancelled';
  }
}
