import { randomUUID } from 'node:crypto';
import { createEvent, OrderCompleted, OrderPlaced, OrderProcessingFailed, PaymentFailed } from '@saga/contracts';

export type Line = { productId: string; quantity: number; unitPrice: number };

export const newOrderId = () => `order-${randomUUID()}`;

export const orderPlaced = (orderId: string, items: Line[]) =>
  createEvent(OrderPlaced, {
    orderId,
    causationId: null,
    payload: {
      userId: 'user-1',
      items,
      couponId: null,
      subtotal: items.reduce((s, l) => s + l.quantity * l.unitPrice, 0),
    },
  });

export const processingFailed = (orderId: string, reason: 'TIMEOUT' | 'COUPON_NOT_FOUND' = 'TIMEOUT') =>
  createEvent(OrderProcessingFailed, { orderId, causationId: null, payload: { reason, failedBy: 'order' } });

export const paymentFailed = (orderId: string) =>
  createEvent(PaymentFailed, {
    orderId,
    causationId: null,
    payload: { userId: 'user-1', amount: 1, reason: 'INSUFFICIENT_BALANCE' },
  });

export const orderCompleted = (orderId: string, items: Line[]) => {
  const subtotal = items.reduce((s, l) => s + l.quantity * l.unitPrice, 0);
  return createEvent(OrderCompleted, {
    orderId,
    causationId: null,
    payload: { userId: 'user-1', items, subtotal, discount: 0, total: subtotal, couponId: null },
  });
};
