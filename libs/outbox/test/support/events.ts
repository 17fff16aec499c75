import { randomUUID } from 'node:crypto';
import { createEvent, OrderPlaced } from '@saga/contracts';

/** An OrderPlaced whose subtotal carries a per-order sequence number, so consumers can check order. */
export function orderPlaced(orderId: string, seq: number): OrderPlaced {
  return createEvent(OrderPlaced, {
    orderId,
    causationId: null,
    payload: {
      userId: 'user-1',
      items: [{ productId: 'p-1', quantity: 1, unitPrice: seq }],
      couponId: null,
      subtotal: seq,
    },
  });
}

export function newOrderId(): string {
  return `order-${randomUUID()}`;
}
