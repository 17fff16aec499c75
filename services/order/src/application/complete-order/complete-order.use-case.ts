import { createEvent, OrderCompleted } from '@saga/contracts';
import type { CompleteOrderStore } from '../ports/complete-order-store';
import { SagaMetrics, unrecordedSagaMetrics } from '../ports/saga-metrics';
import { TransactionRunner } from '../ports/transaction';

export interface CompleteOrderCommand {
  orderId: string;
  causationId: string;
}

export class CompleteOrderUseCase {
  constructor(
    private readonly uow: TransactionRunner<{ orders: CompleteOrderStore }>,
    private readonly metrics: SagaMetrics = unrecordedSagaMetrics,
  ) {}

  async execute(command: CompleteOrderCommand): Promise<'completed' | 'ignored'> {
    const completed = await this.uow.run(async ({ orders }, outbox) => {
      const order = await orders.markCompleted(command.orderId);
      if (!order) return null;
      await outbox.append(
        createEvent(OrderCompleted, {
          orderId: order.id,
          causationId: command.causationId,
          payload: {
            userId: order.userId,
            items: order.items,
            subtotal: order.subtotal,
            discount: order.discount,
            total: order.total,
            couponId: order.couponId,
          },
        }),
      );
      return order;
    });
    if (!completed) return 'ignored';
    this.metrics.completed(completed.createdAt);
    return 'completed';
  }
}
