export interface ProductPriceUpdate {
  productId: string;
  name: string;
  price: number;
  /** When the catalog changed; an older update never overwrites a newer one (out-of-order delivery). */
  changedAt: Date;
}

export interface PriceReplicaStore {
  upsertPrice(update: ProductPriceUpdate): Promise<void>;
}
