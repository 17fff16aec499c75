import { DynamicModule, Module } from '@nestjs/common';
import { participantModules, sqlClientAdapter, unitOfWorkAdapter, type ParticipantConfig } from '@saga/participant';
import { USER_READ_MODEL, WALLET_UNIT_OF_WORK } from './application/ports/wallet-unit-of-work';
import { SqlUserReadModel } from './infrastructure/persistence/sql-user-read-model';
import { SqlWalletUnitOfWork } from './infrastructure/persistence/sql-wallet-unit-of-work';
import { HttpModule } from './interface/http/http.module';
import { SubscriptionsModule } from './interface/messaging/subscriptions';

@Module({})
export class AppModule {
  static forRoot(config: ParticipantConfig): DynamicModule {
    const adapters = [
      unitOfWorkAdapter(WALLET_UNIT_OF_WORK, (uow) => new SqlWalletUnitOfWork(uow)),
      sqlClientAdapter(USER_READ_MODEL, (sql) => new SqlUserReadModel(sql)),
    ];
    return {
      module: AppModule,
      imports: [...participantModules({ config, adapters }), HttpModule, SubscriptionsModule],
    };
  }
}
