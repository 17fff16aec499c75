import type { Order } from '../../domain/order';

export interface CancelOrderStore {
  /** Non-terminal -> CANCELLED with the reason; null for a terminal or unknown order (never un-completes). */
  markCancelled(orderId: string, reason: string): Promise<Order | null>;
}
