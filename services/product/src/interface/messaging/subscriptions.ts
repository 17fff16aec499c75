import { Inject, Injectable, Module, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { ConsumerHost } from '@saga/messaging';
import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { PRODUCT_CONFIG, type ProductConfig } from '../../infrastructure/config/product-config';
import { KAFKA, LOGGER, UNIT_OF_WORK } from '../../infrastructure/tokens';
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

@Injectable()
class ProductConsumers implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly host: ConsumerHost;

  constructor(
    @Inject(PRODUCT_CONFIG) private readonly config: ProductConfig,
    @Inject(KAFKA) kafka: Kafka,
    @Inject(UNIT_OF_WORK) uow: ConstructorParameters<typeof ConsumerHost>[0]['uow'],
    @Inject(LOGGER) logger: Logger,
    reserve: ReserveStockOnOrderPlaced,
    releaseOnProcessingFailed: ReleaseStockOnOrderProcessingFailed,
    releaseOnPaymentFailed: ReleaseStockOnPaymentFailed,
    recordSales: RecordSalesOnOrderCompleted,
  ) {
    this.host = new ConsumerHost({
      service: config.service,
      kafka,
      uow,
      logger,
      retry: config.retry,
      partitionsConsumedConcurrently: config.partitionsConsumedConcurrently,
      commitIntervalMs: config.commitIntervalMs,
      topicPrefix: config.topicPrefix,
    });
    this.host.register(reserve, releaseOnProcessingFailed, releaseOnPaymentFailed, recordSales);
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.consumersEnabled) await this.host.start();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.config.consumersEnabled) await this.host.stop();
  }
}

@Module({ imports: [UseCasesModule], providers: [...HANDLERS, ProductConsumers] })
export class SubscriptionsModule {}
