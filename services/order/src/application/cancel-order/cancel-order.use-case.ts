import { FailureReason } from '@saga/contracts';
import type { CancelOrderStore } from '../ports/cancel-order-store';
import { SagaMetrics, unrecordedSagaMetrics } from '../ports/saga-metrics';
import { TransactionRunner } from '../ports/transaction';

export interface CancelOrderCommand {
  orderId: string;
  reason: FailureReason;
}

/** A participant already published the fail event; the order only records the outcome. */
export class CancelOrderUseCase {
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
