import { DynamicModule, Module } from '@nestjs/common';
import {
  KAFKA,
  participantModules,
  sqlClientAdapter,
  unitOfWorkAdapter,
  type ParticipantConfig,
} from '@saga/participant';
import type { Kafka } from 'kafkajs';
import { DEAD_LETTER_PUBLISHER, DEAD_LETTER_READ_MODEL } from './application/ports/dead-letters';
import { PROJECTION_UNIT_OF_WORK } from './application/ports/projection-unit-of-work';
import { SAGA_READ_MODEL } from './application/ports/saga-read-model';
import { EXPLORER_SETTINGS, type ExplorerSettings } from './explorer-settings';
import { KafkaDeadLetterPublisher } from './infrastructure/messaging/kafka-dead-letter-publisher';
import { SqlDeadLetterReadModel } from './infrastructure/persistence/sql-dead-letter-read-model';
import { SqlProjectionUnitOfWork } from './infrastructure/persistence/sql-projection-unit-of-work';
import { SqlSagaReadModel } from './infrastructure/persistence/sql-saga-read-model';
import { HttpModule } from './interface/http/http.module';
import { SubscriptionsModule } from './interface/messaging/subscriptions';

@Module({})
export class AppModule {
  static forRoot(config: ParticipantConfig, settings: ExplorerSettings): DynamicModule {
    const adapters = [
      { provide: EXPLORER_SETTINGS, useValue: settings },
      unitOfWorkAdapter(PROJECTION_UNIT_OF_WORK, (uow) => new SqlProjectionUnitOfWork(uow)),
      sqlClientAdapter(SAGA_READ_MODEL, (sql) => new SqlSagaReadModel(sql)),
      sqlClientAdapter(DEAD_LETTER_READ_MODEL, (sql) => new SqlDeadLetterReadModel(sql)),
      {
        provide: DEAD_LETTER_PUBLISHER,
        inject: [KAFKA],
        useFactory: (kafka: Kafka) => new KafkaDeadLetterPublisher(kafka),
      },
    ];
    return {
      module: AppModule,
      imports: [...participantModules({ config, adapters }), HttpModule, SubscriptionsModule],
    };
  }
}
