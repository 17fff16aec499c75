import { Module } from '@nestjs/common';
import { UseCasesModule } from '../../use-cases.module';
import { ProductsController } from './products.controller';

@Module({ imports: [UseCasesModule], controllers: [ProductsController] })
export class HttpModule {}
