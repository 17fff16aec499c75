import { DynamicModule, Module } from '@nestjs/common';
import { participantModules, sqlClientAdapter, unitOfWorkAdapter, type ParticipantConfig } from '@saga/participant';
import { INVENTORY_UNIT_OF_WORK, PRODUCT_READ_MODEL } from './application/ports/product-read-model';
import { SqlInventoryUnitOfWork } from './infrastructure/persistence/sql-inventory-unit-of-work';
import { SqlProductReadModel } from './infrastructure/persistence/sql-product-read-model';
import { HttpModule } from './interface/http/http.module';
import { SubscriptionsModule } from './interface/messaging/subscriptions';

@Module({})
export class AppModule {
  static forRoot(config: ParticipantConfig): DynamicModule {
    const adapters = [
      unitOfWorkAdapter(INVENTORY_UNIT_OF_WORK, (uow) => new SqlInventoryUnitOfWork(uow)),
      sqlClientAdapter(PRODUCT_READ_MODEL, (sql) => new SqlProductReadModel(sql)),
    ];
    return {
      module: AppModule,
      imports: [...participantModules({ config, adapters }), HttpModule, SubscriptionsModule],
    };
  }
}
