import { RequestedItem } from './pricing';

export interface CheckoutRequest {
  items: RequestedItem[];
  couponId: string | null;
}

/**
 * The canonical form two requests are compared by for idempotency: item order does not matter,
 * so the same basket sent twice with a reordered array is the same request.
 */
export function canonicalCheckoutRequest(request: CheckoutRequest): string {
  const items = [...request.items]
    .sort((a, b) => (a.productId < b.productId ? -1 : a.productId > b.productId ? 1 : 0))
    .map((item) => [item.productId, item.quantity]);
  return JSON.stringify({ items, couponId: request.couponId });
}
