import { Module } from '@nestjs/common';
import { participantConsumers } from '@saga/participant';
import { UseCasesModule } from '../../use-cases.module';
import { DEAD_LETTER_RECORDERS, SAGA_TOPIC_PROJECTORS } from './projectors';

/**
 * Every subscription of the explorer: each saga topic and each dead-letter topic in its own consumer group
 * (`explorer.Project<Topic>`, `explorer.Record<Topic>Dlq`), through the shared consumer wrapper.
 */
const HANDLERS = [...SAGA_TOPIC_PROJECTORS, ...DEAD_LETTER_RECORDERS];

@Module({ imports: [UseCasesModule], providers: [...HANDLERS, participantConsumers(HANDLERS)] })
export class SubscriptionsModule {}
