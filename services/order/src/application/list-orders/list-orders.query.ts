import { Order } from '../../domain/order';
import { decodeCursor, encodeCursor } from './order-cursor';
import type { OrderLister } from '../ports/order-lister';

export interface ListOrdersCriteria {
  userId: string;
  limit: number;
  cursor: string | null;
}

export class ListOrdersQuery {
  constructor(private readonly lister: OrderLister) {}

  async execute(query: ListOrdersCriteria): Promise<{ orders: Order[]; nextCursor: string | null }> {
    const after = query.cursor ? decodeCursor(query.cursor) : null;
    const page = await this.lister.listByUser(query.userId, query.limit + 1, after);
    const orders = page.slice(0, query.limit);
    const last = orders[orders.length - 1];
    const nextCursor =
      page.length > query.limit && last ? encodeCursor({ createdAt: last.createdAt, id: last.id }) : null;
    return { orders, nextCursor };
  }
}
