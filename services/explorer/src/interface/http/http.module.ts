import { Module } from '@nestjs/common';
import { UseCasesModule } from '../../use-cases.module';
import { WebController } from '../web/web.controller';
import { DeadLettersController } from './dead-letters.controller';
import { SagasController } from './sagas.controller';

@Module({ imports: [UseCasesModule], controllers: [SagasController, DeadLettersController, WebController] })
export class HttpModule {}
