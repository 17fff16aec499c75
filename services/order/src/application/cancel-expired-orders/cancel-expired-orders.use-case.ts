import { createEvent, OrderProcessingFailed } from '@saga/contracts';
import { Clock, TransactionRunner } from '../ports/transaction';
import type { ExpiredOrdersStore } from '../ports/expired-orders-store';

/** The saga deadline: a stalled order is cancelled with TIMEOUT and every participant compensates. */
export class CancelExpiredOrdersUseCase {
  constructor(
    private readonly uow: TransactionRunner<{ orders: ExpiredOrdersStore }>,
    private readonly clock: Clock,
    private readonly batchSize: number,
  ) {}

  /** Cancels one batch; returns the ids it cancelled. */
  execute(): Promise<string[]> {
    return this.uow.run(async ({ orders }, outbox) => {
      const expired = await orders.lockExpiredOrders(this.clock.now(), this.batchSize);
      const cancelled: string[] = [];
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
        cancelled.push(order.id);
      }
      return cancelled;
    });
  }
}
