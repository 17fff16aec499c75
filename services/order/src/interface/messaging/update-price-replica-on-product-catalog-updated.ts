import { Injectable } from '@nestjs/common';
import { ProductCatalogUpdated } from '@saga/contracts';
import type { EventHandler } from '@saga/messaging';
import { UpdatePriceReplicaUseCase } from '../../application/update-price-replica/update-price-replica.use-case';

@Injectable()
export class UpdatePriceReplicaOnProductCatalogUpdated implements EventHandler<typeof ProductCatalogUpdated> {
  readonly name = 'UpdatePriceReplicaOnProductCatalogUpdated';
  readonly event = ProductCatalogUpdated;

  constructor(private readonly updatePriceReplica: UpdatePriceReplicaUseCase) {}

  async handle(event: ProductCatalogUpdated): Promise<void> {
    await this.updatePriceReplica.execute({
      productId: event.payload.productId,
      name: event.payload.name,
      price: event.payload.price,
      changedAt: new Date(event.occurredAt),
    });
  }
}
