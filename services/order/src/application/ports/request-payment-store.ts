import type { Order } from '../../domain/order';

export interface RequestPaymentStore {
  /** PENDING with processing succeeded -> PAYMENT_REQUESTED; null when the transition does not apply. */
  markPaymentRequested(orderId: string): Promise<Order | null>;
}
