import { createEvent, OrderProcessingFailed } from '@saga/contracts';
import { Order } from '../../domain/order';
import type { ExpiredOrdersStore } from '../ports/expired-orders-store';
import { SagaMetrics, unrecordedSagaMetrics } from '../ports/saga-metrics';
import { Clock, TransactionRunner } from '../ports/transaction';

/** The saga deadline: a stalled order is cancelled with TIMEOUT and every participant compensates. */
export class CancelExpiredOrdersUseCase {
  constructor(
    private readonly uow: TransactionRunner<{ orders: ExpiredOrdersStore }>,
    private readonly clock: Clock,
    private readonly batchSize: number,
    private readonly metrics: SagaMetrics = unrecordedSagaMetrics,
  ) {}

  /** Cancels one batch; returns the ids it cancelled. */
  async execute(): Promise<string[]> {
    const cancelled = await this.uow.run(async ({ orders }, outbox) => {
      const expired = await orders.lockExpiredOrders(this.clock.now(), this.batchSize);
      const cancelled: Order[] = [];
      for (const order of expired) {
        if (!(await orders.markCancelled(order.id, 'TIMEOUT'))) continue;
        await outbox.append(
          createEvent(OrderProcessingFailed, {
            orderId: order.id,
            causationId: null,
            payload: {
              reason: 'TIMEOUT',
              failedBy: 'order',
              detail: `not completed by ${order.deadlineAt.toISOString()}`,
            },
          }),
        );
        cancelled.push(order);
      }
      return cancelled;
    });
    for (const order of cancelled) this.metrics.cancelled('TIMEOUT', order.createdAt);
    return cancelled.map((order) => order.id);
  }
}
