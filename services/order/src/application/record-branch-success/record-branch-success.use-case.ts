import { createEvent, OrderProcessingSucceeded, PaymentRequested } from '@saga/contracts';
import { arrivedBranches, requiredBranches } from '../../domain/order';
import { Clock, TransactionRunner } from '../ports/transaction';
import { BranchSuccessStore } from '../ports/branch-success-store';
import { RecordBranchSuccessCommand, RecordBranchSuccessOutcome } from './record-branch-success.command';
import { OrderProcessingStateStore } from '../ports/order-processing-state-store';

/**
 * The aggregator: stock and coupon succeed in parallel; the last required arrival emits
 * OrderProcessingSucceeded exactly once. Redis answers "complete?" fast; the durable row flags and
 * the conditional transition in the database are what guarantee exactly once, even when two
 * instances process both branches concurrently or Redis answers "complete" twice.
 *
 * The arrival that completes processing also requests the payment, in the same transaction:
 * OrderProcessingSucceeded is still published on its topic for anyone who listens, but the order
 * service no longer consumes its own event to take the next step (one Kafka hop, one consumption and
 * one transaction fewer per checkout).
 */
export class RecordBranchSuccessUseCase {
  constructor(
    private readonly uow: TransactionRunner<{ orders: BranchSuccessStore }>,
    private readonly state: OrderProcessingStateStore,
    private readonly clock: Clock,
  ) {}

  execute(command: RecordBranchSuccessCommand): Promise<RecordBranchSuccessOutcome> {
    return this.uow.run(async ({ orders }, outbox) => {
      const order = await orders.recordBranchArrival(command.orderId, command.branch, command.discount ?? null);
      if (!order) return this.whyIgnored(orders, command);

      const { complete } = await this.state.recordArrival({
        orderId: order.id,
        branch: command.branch,
        required: requiredBranches(order),
        durablyArrived: arrivedBranches(order),
      });
      if (!complete) return 'recorded';

      const succeeded = await orders.markProcessingSucceeded(order.id, this.clock.now());
      if (!succeeded) return 'already_succeeded';
      const processingSucceeded = createEvent(OrderProcessingSucceeded, {
        orderId: succeeded.id,
        causationId: command.causationId,
        payload: {
          userId: succeeded.userId,
          subtotal: succeeded.subtotal,
          discount: succeeded.discount,
          total: succeeded.total,
        },
      });
      const paymentRequested = createEvent(PaymentRequested, {
        orderId: succeeded.id,
        causationId: processingSucceeded.eventId,
        payload: { userId: succeeded.userId, amount: succeeded.total },
      });
      await outbox.append(processingSucceeded, paymentRequested);
      return 'processing_succeeded';
    });
  }

  private async whyIgnored(
    orders: BranchSuccessStore,
    command: RecordBranchSuccessCommand,
  ): Promise<RecordBranchSuccessOutcome> {
    const order = await orders.findOrder(command.orderId);
    if (!order) return 'ignored_unknown_order';
    if (order.processingSucceededAt !== null) return 'already_succeeded';
    if (order.status !== 'PENDING') return 'ignored_not_pending';
    return 'ignored_branch_not_required';
  }
}
