import { createHash, randomUUID } from 'node:crypto';
import { createEvent, OrderPlaced } from '@saga/contracts';
import { canonicalCheckoutRequest } from '../../domain/checkout-request';
import { IdempotencyKeyReusedError } from '../../domain/errors';
import { Order } from '../../domain/order';
import { priceItems } from '../../domain/pricing';
import { SagaMetrics, unrecordedSagaMetrics } from '../ports/saga-metrics';
import { Clock, TransactionRunner } from '../ports/transaction';
import { PlaceOrderCommand, PlaceOrderResult } from './place-order.command';
import { IdempotencyRecord, PlaceOrderStore } from '../ports/place-order-store';

/** Thrown inside the transaction to roll it back when a concurrent request claimed the same key first. */
class IdempotencyKeyTakenConcurrently extends Error {}

export class PlaceOrderUseCase {
  constructor(
    private readonly uow: TransactionRunner<{ orders: PlaceOrderStore }>,
    private readonly clock: Clock,
    private readonly sagaTimeoutMs: number,
    private readonly metrics: SagaMetrics = unrecordedSagaMetrics,
  ) {}

  async execute(command: PlaceOrderCommand): Promise<PlaceOrderResult> {
    const requestHash = hashRequest(command);
    try {
      const result = await this.uow.run(async ({ orders }, outbox) => {
        const replay = await this.replayOf(orders, command, requestHash);
        if (replay) return replay;

        const { lines, subtotal } = priceItems(
          command.items,
          await orders.findPrices(command.items.map((i) => i.productId)),
        );
        const orderId = randomUUID();
        const claimed = await orders.claimIdempotencyKey({
          userId: command.userId,
          key: command.idempotencyKey,
          requestHash,
          orderId,
        });
        if (!claimed) throw new IdempotencyKeyTakenConcurrently();

        const now = this.clock.now();
        const order: Order = {
          id: orderId,
          userId: command.userId,
          status: 'PENDING',
          items: lines,
          subtotal,
          discount: 0,
          total: subtotal,
          couponId: command.couponId,
          stockReserved: false,
          couponApplied: false,
          processingSucceededAt: null,
          failureReason: null,
          deadlineAt: new Date(now.getTime() + this.sagaTimeoutMs),
          createdAt: now,
          updatedAt: now,
        };
        await orders.insertOrder(order);
        await outbox.append(
          createEvent(OrderPlaced, {
            orderId,
            causationId: null,
            payload: { userId: order.userId, items: lines, couponId: order.couponId, subtotal },
          }),
        );
        return { orderId, status: order.status, created: true };
      });
      if (result.created) this.metrics.started();
      return result;
    } catch (error) {
      if (!(error instanceof IdempotencyKeyTakenConcurrently)) throw error;
      // The concurrent winner has committed by now (the unique index made us wait for it).
      const replay = await this.uow.run(({ orders }) => this.replayOf(orders, command, requestHash));
      if (!replay) throw new Error('idempotency key vanished after a conflict');
      return replay;
    }
  }

  private async replayOf(
    orders: PlaceOrderStore,
    command: PlaceOrderCommand,
    requestHash: string,
  ): Promise<PlaceOrderResult | null> {
    const existing: IdempotencyRecord | null = await orders.findIdempotencyKey(command.userId, command.idempotencyKey);
    if (!existing) return null;
    if (existing.requestHash !== requestHash) throw new IdempotencyKeyReusedError(command.idempotencyKey);
    const order = await orders.findOrder(existing.orderId);
    if (!order) throw new Error(`idempotency key points at missing order ${existing.orderId}`);
    return { orderId: order.id, status: order.status, created: false };
  }
}

function hashRequest(command: PlaceOrderCommand): string {
  return createHash('sha256')
    .update(canonicalCheckoutRequest({ items: command.items, couponId: command.couponId }))
    .digest('hex');
}
