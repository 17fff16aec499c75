import { randomBytes, randomUUID } from 'node:crypto';
import {
  CouponApplied,
  createEvent,
  OrderCompleted,
  OrderPlaced,
  OrderProcessingFailed,
  OrderProcessingSucceeded,
  PaymentFailed,
  PaymentRequested,
  PaymentSucceeded,
  StockReserved,
  type Envelope,
} from '@saga/contracts';
import type { EventInjector } from '../../../libs/test-harness/src/saga-suite';

const items = [{ productId: 'demo-keyboard', quantity: 1, unitPrice: 8900 }];

/** One checkout's events as the four services publish them, each a millisecond after the one it follows. */
export function completedSaga(orderId: string, userId: string, start = new Date()): Envelope[] {
  const at = (ms: number) => new Date(start.getTime() + ms);
  const placed = createEvent(OrderPlaced, {
    orderId,
    causationId: null,
    occurredAt: at(0),
    payload: { userId, items, couponId: 'welcome', subtotal: 8900 },
  });
  const stock = createEvent(StockReserved, {
    orderId,
    causationId: placed.eventId,
    occurredAt: at(5),
    payload: { items: [{ productId: 'demo-keyboard', quantity: 1 }] },
  });
  const coupon = createEvent(CouponApplied, {
    orderId,
    causationId: placed.eventId,
    occurredAt: at(7),
    payload: { couponId: 'welcome', userId, discountType: 'PERCENT', discountValue: 10, discount: 890 },
  });
  const processed = createEvent(OrderProcessingSucceeded, {
    orderId,
    causationId: coupon.eventId,
    occurredAt: at(9),
    payload: { userId, subtotal: 8900, discount: 890, total: 8010 },
  });
  const requested = createEvent(PaymentRequested, {
    orderId,
    causationId: processed.eventId,
    occurredAt: at(11),
    payload: { userId, amount: 8010 },
  });
  const paid = createEvent(PaymentSucceeded, {
    orderId,
    causationId: requested.eventId,
    occurredAt: at(15),
    payload: { userId, amount: 8010 },
  });
  const completed = createEvent(OrderCompleted, {
    orderId,
    causationId: paid.eventId,
    occurredAt: at(18),
    payload: { userId, items, subtotal: 8900, discount: 890, total: 8010, couponId: 'welcome' },
  });
  return [placed, stock, coupon, processed, requested, paid, completed];
}

/** Stock and coupon reserved, then the debit refused: PaymentFailed, on which product, coupon and order compensate. */
export function paymentFailedSaga(orderId: string, userId: string, start = new Date()): Envelope[] {
  const [placed, stock, coupon, processed, requested] = completedSaga(orderId, userId, start);
  const failed = createEvent(PaymentFailed, {
    orderId,
    causationId: requested!.eventId,
    occurredAt: new Date(start.getTime() + 14),
    payload: { userId, amount: 8010, reason: 'INSUFFICIENT_BALANCE' },
  });
  return [placed!, stock!, coupon!, processed!, requested!, failed];
}

/** Product found no stock: OrderProcessingFailed by product. */
export function outOfStockSaga(orderId: string, userId: string, start = new Date()): Envelope[] {
  const [placed] = completedSaga(orderId, userId, start);
  const failed = createEvent(OrderProcessingFailed, {
    orderId,
    causationId: placed!.eventId,
    occurredAt: new Date(start.getTime() + 4),
    payload: { reason: 'OUT_OF_STOCK', failedBy: 'product' },
  });
  return [placed!, failed];
}

export const newOrderId = () => `order-${randomUUID()}`;
export const newTraceparent = () => `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-01`;

/** Publishes one saga's events with the checkout's trace context, as the services' outbox relays do. */
export async function publishSaga(injector: EventInjector, events: Envelope[], traceparent = newTraceparent()) {
  for (const event of events) {
    await injector.publishEnvelope(event, { traceparent });
  }
  return traceparent.split('-')[1]!;
}
