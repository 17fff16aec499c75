import { TransactionRunner } from '../ports/transaction';
import type { PriceReplicaStore } from '../ports/price-replica-store';

export interface ProductPriceUpdate {
  productId: string;
  name: string;
  price: number;
  /** When the catalog changed; an older update never overwrites a newer one (out-of-order delivery). */
  changedAt: Date;
}

export class UpdatePriceReplicaUseCase {
  constructor(private readonly uow: TransactionRunner<{ orders: PriceReplicaStore }>) {}

  execute(update: ProductPriceUpdate): Promise<void> {
    return this.uow.run(({ orders }) => orders.upsertPrice(update));
  }
}
