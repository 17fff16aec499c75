import type { Order } from '../../domain/order';

export interface OrderReader {
  findOrder(orderId: string): Promise<Order | null>;
}
