import { Order } from '../../domain/order';
import { decodeCursor, encodeCursor, OrderCursor } from './order-cursor';

export interface OrderLister {
  /** The user's orders strictly after the cursor in (createdAt desc, id desc) order. */
  listByUser(userId: string, limit: number, after: OrderCursor | null): Promise<Order[]>;
}

export interface ListOrdersQuery {
  userId: string;
  limit: number;
  cursor: string | null;
}

export class ListOrders {
  constructor(private readonly lister: OrderLister) {}

  async execute(query: ListOrdersQuery): Promise<{ orders: Order[]; nextCursor: string | null }> {
    const after = query.cursor ? decodeCursor(query.cursor) : null;
    const page = await this.lister.listByUser(query.userId, query.limit + 1, after);
    const orders = page.slice(0, query.limit);
    const last = orders[orders.length - 1];
    const nextCursor =
      page.length > query.limit && last ? encodeCursor({ createdAt: last.createdAt, id: last.id }) : null;
    return { orders, nextCursor };
  }
}
