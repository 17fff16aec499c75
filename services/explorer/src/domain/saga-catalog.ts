import { Topics } from '@saga/contracts';

/** The topics of the order saga: every event on them is keyed by orderId. */
export const SAGA_TOPICS: readonly string[] = [
  Topics.OrderProcessing,
  Topics.OrderProcessingStockSuccess,
  Topics.OrderProcessingCouponSuccess,
  Topics.OrderProcessingSuccess,
  Topics.OrderProcessingFail,
  Topics.OrderPayment,
  Topics.OrderPaymentSuccess,
  Topics.OrderPaymentFail,
  Topics.OrderProcessed,
];

export const SAGA_SERVICES = ['order', 'product', 'coupon', 'user'] as const;

const PRODUCER_OF: Record<string, string> = {
  OrderPlaced: 'order',
  StockReserved: 'product',
  CouponApplied: 'coupon',
  OrderProcessingSucceeded: 'order',
  PaymentRequested: 'order',
  PaymentSucceeded: 'user',
  PaymentFailed: 'user',
  OrderCompleted: 'order',
};

/** Failure events: every participant that acted compensates on them (see the services' READMEs). */
const COMPENSATED_BY: Record<string, readonly string[]> = {
  OrderProcessingFailed: ['order', 'product', 'coupon', 'user'],
  PaymentFailed: ['order', 'product', 'coupon'],
};

const TERMINAL_OF: Record<string, 'COMPLETED' | 'CANCELLED'> = {
  OrderCompleted: 'COMPLETED',
  OrderProcessingFailed: 'CANCELLED',
  PaymentFailed: 'CANCELLED',
};

export function isSagaTopic(topic: string): boolean {
  return SAGA_TOPICS.includes(topic);
}

/** The service that published an event; OrderProcessingFailed names it (`failedBy`: product, coupon or order's deadline). */
export function producerOf(eventType: string, payload: unknown): string {
  const failedBy = field(payload, 'failedBy');
  if (eventType === 'OrderProcessingFailed' && failedBy) return failedBy;
  return PRODUCER_OF[eventType] ?? 'unknown';
}

export function isCompensation(eventType: string): boolean {
  return eventType in COMPENSATED_BY;
}

/** The services that compensate when this failure event is published (empty for other events). */
export function compensatedBy(eventType: string): readonly string[] {
  return COMPENSATED_BY[eventType] ?? [];
}

export function terminalStateOf(eventType: string): 'COMPLETED' | 'CANCELLED' | null {
  return TERMINAL_OF[eventType] ?? null;
}

export function failureReasonOf(eventType: string, payload: unknown): string | null {
  return terminalStateOf(eventType) === 'CANCELLED' ? field(payload, 'reason') : null;
}

export function userIdOf(payload: unknown): string | null {
  return field(payload, 'userId');
}

/** `service.Handler` consumer group (after any test-run prefix) -> `service`. */
export function serviceOfConsumerGroup(group: string | null): string {
  return group?.split('.')[0] || 'unknown';
}

function field(payload: unknown, name: string): string | null {
  if (typeof payload !== 'object' || payload === null) return null;
  const value = (payload as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : null;
}
