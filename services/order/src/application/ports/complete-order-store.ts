import type { Order } from '../../domain/order';

export interface CompleteOrderStore {
  /** PAYMENT_REQUESTED -> COMPLETED only; null otherwise (a CANCELLED order stays cancelled: the payment is refunded). */
  markCompleted(orderId: string): Promise<Order | null>;
}
