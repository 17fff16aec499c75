import { createEvent, OrderCompleted } from '@saga/contracts';
import { TransactionRunner } from '../ports/transaction';
import type { CompleteOrderStore } from '../ports/complete-order-store';

export interface CompleteOrderCommand {
  orderId: string;
  causationId: string;
}

export class CompleteOrderUseCase {
  constructor(private readonly uow: TransactionRunner<{ orders: CompleteOrderStore }>) {}

  execute(command: CompleteOrderCommand): Promise<'completed' | 'ignored'> {
    return this.uow.run(async ({ orders }, outbox) => {
      const order = await orders.markCompleted(command.orderId);
      if (!order) return 'ignored';
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
      return 'completed';
    });
  }
}
