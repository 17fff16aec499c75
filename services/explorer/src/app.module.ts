import type { DynamicModule, Provider } from '@nestjs/common';
import type { SqlExecutor, UnitOfWork } from '@saga/outbox';
import {
  KAFKA,
  SQL_CLIENT,
  ServiceRuntimeModule,
  UNIT_OF_WORK,
  type ServiceRuntimeConfig,
} from '@saga/service-runtime';
import type { Kafka } from 'kafkajs';
import { GetSagaQuery } from './application/get-saga/get-saga.query';
import { ListDeadLettersQuery } from './application/list-dead-letters/list-dead-letters.query';
import { ListSagasQuery } from './application/list-sagas/list-sagas.query';
import {
  DEAD_LETTER_PUBLISHER,
  DEAD_LETTER_READ_MODEL,
  type DeadLetterPublisher,
  type DeadLetterReadModel,
} from './application/ports/dead-letters';
import { PROJECTION_UNIT_OF_WORK, type ProjectionUnitOfWork } from './application/ports/projection-unit-of-work';
import { SAGA_READ_MODEL, type SagaReadModel } from './application/ports/saga-read-model';
import { ProjectEventUseCase } from './application/project-event/project-event.use-case';
import { ProjectInvalidMessageUseCase } from './application/project-invalid-message/project-invalid-message.use-case';
import { RecordDeadLetterUseCase } from './application/record-dead-letter/record-dead-letter.use-case';
import { ReplayDeadLetterUseCase } from './application/replay-dead-letter/replay-dead-letter.use-case';
import { EXPLORER_SETTINGS, type ExplorerSettings } from './explorer-settings';
import { KafkaDeadLetterPublisher } from './infrastructure/messaging/kafka-dead-letter-publisher';
import { SqlDeadLetterReadModel } from './infrastructure/persistence/sql-dead-letter-read-model';
import { SqlProjectionUnitOfWork } from './infrastructure/persistence/sql-projection-unit-of-work';
import { SqlSagaReadModel } from './infrastructure/persistence/sql-saga-read-model';
import { DeadLettersController } from './interface/http/dead-letters.controller';
import { toHttpError } from './interface/http/domain-errors';
import { SagasController } from './interface/http/sagas.controller';
import { EXPLORER_HANDLERS } from './interface/messaging/subscriptions';
import { WebController } from './interface/web/web.controller';

/** Adapters on the runtime's unit of work, pool and Kafka, and the framework-free use cases on the adapters. */
const providers = (settings: ExplorerSettings): Provider[] => [
  { provide: EXPLORER_SETTINGS, useValue: settings },
  {
    provide: PROJECTION_UNIT_OF_WORK,
    inject: [UNIT_OF_WORK],
    useFactory: (uow: UnitOfWork<SqlExecutor>) => new SqlProjectionUnitOfWork(uow),
  },
  { provide: SAGA_READ_MODEL, inject: [SQL_CLIENT], useFactory: (sql: SqlExecutor) => new SqlSagaReadModel(sql) },
  {
    provide: DEAD_LETTER_READ_MODEL,
    inject: [SQL_CLIENT],
    useFactory: (sql: SqlExecutor) => new SqlDeadLetterReadModel(sql),
  },
  {
    provide: DEAD_LETTER_PUBLISHER,
    inject: [KAFKA],
    useFactory: (kafka: Kafka) => new KafkaDeadLetterPublisher(kafka),
  },
  {
    provide: ProjectEventUseCase,
    inject: [PROJECTION_UNIT_OF_WORK],
    useFactory: (uow: ProjectionUnitOfWork) => new ProjectEventUseCase(uow, settings.sagaTimeoutMs),
  },
  ...[ProjectInvalidMessageUseCase, RecordDeadLetterUseCase].map((UseCase) => ({
    provide: UseCase,
    inject: [PROJECTION_UNIT_OF_WORK],
    useFactory: (uow: ProjectionUnitOfWork) => new UseCase(uow),
  })),
  ...[ListSagasQuery, GetSagaQuery].map((Query) => ({
    provide: Query,
    inject: [SAGA_READ_MODEL],
    useFactory: (readModel: SagaReadModel) => new Query(readModel),
  })),
  {
    provide: ListDeadLettersQuery,
    inject: [DEAD_LETTER_READ_MODEL],
    useFactory: (readModel: DeadLetterReadModel) => new ListDeadLettersQuery(readModel),
  },
  {
    provide: ReplayDeadLetterUseCase,
    inject: [DEAD_LETTER_READ_MODEL, DEAD_LETTER_PUBLISHER, PROJECTION_UNIT_OF_WORK],
    useFactory: (readModel: DeadLetterReadModel, publisher: DeadLetterPublisher, uow: ProjectionUnitOfWork) =>
      new ReplayDeadLetterUseCase(readModel, publisher, uow),
  },
];

export const AppModule = {
  forRoot: (config: ServiceRuntimeConfig, settings: ExplorerSettings): DynamicModule =>
    ServiceRuntimeModule.forRoot({
      config,
      providers: providers(settings),
      controllers: [SagasController, DeadLettersController, WebController],
      handlers: EXPLORER_HANDLERS,
      domainErrors: toHttpError,
    }),
};
