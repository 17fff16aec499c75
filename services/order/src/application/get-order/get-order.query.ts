import { Order } from '../../domain/order';
import { OrderNotFoundError } from '../shared/errors';
import type { OrderReader } from '../ports/order-reader';

export interface Viewer {
  id: string;
  role: 'customer' | 'admin';
}

/** A customer sees only their own orders; someone else's order is reported as not found. */
export class GetOrderQuery {
  constructor(private readonly reader: OrderReader) {}

  async execute(viewer: Viewer, orderId: string): Promise<Order> {
    const order = await this.reader.findOrder(orderId);
    if (!order || (viewer.role !== 'admin' && order.userId !== viewer.id)) throw new OrderNotFoundError(orderId);
    return order;
  }
}
