import { Module } from '@nestjs/common';
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

/** The use cases are framework-free classes; this is where they meet their adapters. */
@Module({
  providers: [
    {
      provide: ProjectEventUseCase,
      inject: [PROJECTION_UNIT_OF_WORK, EXPLORER_SETTINGS],
      useFactory: (uow: ProjectionUnitOfWork, settings: ExplorerSettings) =>
        new ProjectEventUseCase(uow, settings.sagaTimeoutMs),
    },
    {
      provide: ProjectInvalidMessageUseCase,
      inject: [PROJECTION_UNIT_OF_WORK],
      useFactory: (uow: ProjectionUnitOfWork) => new ProjectInvalidMessageUseCase(uow),
    },
    {
      provide: RecordDeadLetterUseCase,
      inject: [PROJECTION_UNIT_OF_WORK],
      useFactory: (uow: ProjectionUnitOfWork) => new RecordDeadLetterUseCase(uow),
    },
    {
      provide: ListSagasQuery,
      inject: [SAGA_READ_MODEL],
      useFactory: (readModel: SagaReadModel) => new ListSagasQuery(readModel),
    },
    {
      provide: GetSagaQuery,
      inject: [SAGA_READ_MODEL],
      useFactory: (readModel: SagaReadModel) => new GetSagaQuery(readModel),
    },
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
  ],
  exports: [
    ProjectEventUseCase,
    ProjectInvalidMessageUseCase,
    RecordDeadLetterUseCase,
    ListSagasQuery,
    GetSagaQuery,
    ListDeadLettersQuery,
    ReplayDeadLetterUseCase,
  ],
})
export class UseCasesModule {}
