import { RequestedItem } from '../../domain/pricing';

export interface PlaceOrderCommand {
  userId: string;
  idempotencyKey: string;
  items: RequestedItem[];
  couponId: string | null;
}

export interface PlaceOrderResult {
  orderId: string;
  status: string;
  /** false when the Idempotency-Key replayed an earlier identical request. */
  created: boolean;
}
