import { Order } from '../../domain/order';

export interface IdempotencyRecord {
  userId: string;
  key: string;
  requestHash: string;
  orderId: string;
}

export interface PlaceOrderStore {
  findIdempotencyKey(userId: string, key: string): Promise<IdempotencyRecord | null>;
  /** Inserts the key unless (userId, key) exists; false when another request holds it (unique constraint). */
  claimIdempotencyKey(record: IdempotencyRecord): Promise<boolean>;
  /** Prices from the product catalog replica, by productId (integer minor units). */
  findPrices(productIds: readonly string[]): Promise<Map<string, number>>;
  insertOrder(order: Order): Promise<void>;
  findOrder(orderId: string): Promise<Order | null>;
}
