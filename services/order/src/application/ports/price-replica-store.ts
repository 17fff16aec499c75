import type { ProductPriceUpdate } from '../update-price-replica/update-price-replica.use-case';

export interface PriceReplicaStore {
  upsertPrice(update: ProductPriceUpdate): Promise<void>;
}
