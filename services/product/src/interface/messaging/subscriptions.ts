import { Module } from '@nestjs/common';
import { participantConsumers } from '@saga/participant';
import { UseCasesModule } from '../../use-cases.module';
import { RecordSalesOnOrderCompleted } from './RecordSalesOnOrderCompleted';
import { ReleaseStockOnOrderProcessingFailed } from './ReleaseStockOnOrderProcessingFailed';
import { ReleaseStockOnPaymentFailed } from './ReleaseStockOnPaymentFailed';
import { ReserveStockOnOrderPlaced } from './ReserveStockOnOrderPlaced';

/** Every subscription of the product service, each its own consumer group `product.<Handler>`. */
const HANDLERS = [
  ReserveStockOnOrderPlaced,
  ReleaseStockOnOrderProcessingFailed,
  ReleaseStockOnPaymentFailed,
  RecordSalesOnOrderCompleted,
];

@Module({ imports: [UseCasesModule], providers: [...HANDLERS, participantConsumers(HANDLERS)] })
export class SubscriptionsModule {}
