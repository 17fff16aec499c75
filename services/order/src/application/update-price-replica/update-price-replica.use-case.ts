import { TransactionRunner } from '../ports/transaction';
import type { PriceReplicaStore, ProductPriceUpdate } from '../ports/price-replica-store';

export class UpdatePriceReplicaUseCase {
  constructor(private readonly uow: TransactionRunner<{ orders: PriceReplicaStore }>) {}

  execute(update: ProductPriceUpdate): Promise<void> {
    return this.uow.run(({ orders }) => orders.upsertPrice(update));
  }
}
