import type { Order } from '../../domain/order';
import type { OrderCursor } from '../list-orders/order-cursor';

export interface OrderLister {
  /** The user's orders strictly after the cursor in (createdAt desc, id desc) order. */
  listByUser(userId: string, limit: number, after: OrderCursor | null): Promise<Order[]>;
}
