import { DynamicModule, Module } from '@nestjs/common';
import { createKafka } from '@saga/messaging';
import { OutboxRelay, SqlUnitOfWork, type SqlExecutor } from '@saga/outbox';
import { createLogger } from '@saga/service-kit';
import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { INVENTORY_UNIT_OF_WORK, PRODUCT_READ_MODEL } from '../application/ports/product-read-model';
import { PRODUCT_CONFIG, type ProductConfig } from './config/product-config';
import { KafkaProbe } from './kafka/kafka-probe';
import { OutboxRuntime } from './outbox/outbox-runtime';
import { SqlInventoryUnitOfWork } from './persistence/sql-inventory-unit-of-work';
import { SqlProductReadModel } from './persistence/sql-product-read-model';
import { createSqlClient, type ProductSqlClient } from './prisma/sql-client';
import { KAFKA, LOGGER, OUTBOX_RELAY, PRISMA, UNIT_OF_WORK } from './tokens';

@Module({})
export class InfrastructureModule {
  static forRoot(config: ProductConfig): DynamicModule {
    return {
      module: InfrastructureModule,
      global: true,
      providers: [
        { provide: PRODUCT_CONFIG, useValue: config },
        { provide: LOGGER, useFactory: () => createLogger({ service: config.service, level: config.logLevel }) },
        { provide: PRISMA, useFactory: () => createSqlClient(config.databaseUrl, config.databasePoolSize) },
        {
          provide: KAFKA,
          inject: [LOGGER],
          useFactory: (logger: Logger) =>
            createKafka({ clientId: `${config.service}-service`, brokers: config.kafkaBrokers, logger }),
        },
        {
          provide: OUTBOX_RELAY,
          inject: [KAFKA, LOGGER],
          useFactory: (kafka: Kafka, logger: Logger) =>
            new OutboxRelay({
              service: config.service,
              databaseUrl: config.databaseUrl,
              producer: kafka,
              logger,
              batchSize: config.outbox.batchSize,
              pollIntervalMs: config.outbox.pollIntervalMs,
              notify: config.outbox.notify,
              lingerMs: config.outbox.lingerMs,
            }),
        },
        {
          provide: UNIT_OF_WORK,
          inject: [PRISMA, OUTBOX_RELAY],
          useFactory: (prisma: ProductSqlClient, relay: OutboxRelay) =>
            new SqlUnitOfWork<SqlExecutor>(prisma as never, {
              service: config.service,
              onCommitted: () => relay.wake(),
              notifyPayload: relay.notifyId,
              topicPrefix: config.topicPrefix,
            }),
        },
        {
          provide: INVENTORY_UNIT_OF_WORK,
          inject: [UNIT_OF_WORK],
          useFactory: (uow: SqlUnitOfWork<SqlExecutor>) => new SqlInventoryUnitOfWork(uow),
        },
        {
          provide: PRODUCT_READ_MODEL,
          inject: [PRISMA],
          useFactory: (prisma: ProductSqlClient) => new SqlProductReadModel(prisma),
        },
        OutboxRuntime,
        KafkaProbe,
      ],
      exports: [
        KafkaProbe,
        PRODUCT_CONFIG,
        LOGGER,
        PRISMA,
        KAFKA,
        UNIT_OF_WORK,
        INVENTORY_UNIT_OF_WORK,
        PRODUCT_READ_MODEL,
      ],
    };
  }
}
