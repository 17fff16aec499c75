import type { Order } from '../../domain/order';

export interface ExpiredOrdersStore {
  /** Non-terminal orders past their deadline, locked FOR UPDATE SKIP LOCKED so N scanners never collide. */
  lockExpiredOrders(now: Date, limit: number): Promise<Order[]>;
  markCancelled(orderId: string, reason: string): Promise<Order | null>;
}
