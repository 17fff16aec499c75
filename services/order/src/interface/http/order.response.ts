import { Order } from '../../domain/order';

export function toOrderResponse(order: Order) {
  return {
    orderId: order.id,
    userId: order.userId,
    status: order.status,
    items: order.items.map(({ productId, quantity, unitPrice }) => ({ productId, quantity, unitPrice })),
    subtotal: order.subtotal,
    discount: order.discount,
    total: order.total,
    ...(order.couponId ? { couponId: order.couponId } : {}),
    ...(order.failureReason ? { failureReason: order.failureReason } : {}),
    createdAt: order.createdAt.toISOString(),
    updatedAt: order.updatedAt.toISOString(),
  };
}
