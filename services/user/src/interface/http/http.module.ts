import { Module } from '@nestjs/common';
import { UseCasesModule } from '../../use-cases.module';
import { UsersController } from './users.controller';

@Module({ imports: [UseCasesModule], controllers: [UsersController] })
export class HttpModule {}
