import { DynamicModule, Module } from '@nestjs/common';
import { createKafka } from '@saga/messaging';
import { OutboxRelay, SqlUnitOfWork, type SqlExecutor } from '@saga/outbox';
import { createLogger } from '@saga/service-kit';
import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { USER_READ_MODEL, WALLET_UNIT_OF_WORK } from '../application/ports/wallet-unit-of-work';
import { USER_CONFIG, type UserConfig } from './config/user-config';
import { KafkaProbe } from './kafka/kafka-probe';
import { OutboxRuntime } from './outbox/outbox-runtime';
import { SqlWalletUnitOfWork } from './persistence/sql-wallet-unit-of-work';
import { SqlUserReadModel } from './persistence/sql-user-read-model';
import { createSqlClient, type UserSqlClient } from './prisma/sql-client';
import { KAFKA, LOGGER, OUTBOX_RELAY, PRISMA, UNIT_OF_WORK } from './tokens';

@Module({})
export class InfrastructureModule {
  static forRoot(config: UserConfig): DynamicModule {
    return {
      module: InfrastructureModule,
      global: true,
      providers: [
        { provide: USER_CONFIG, useValue: config },
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
          useFactory: (prisma: UserSqlClient, relay: OutboxRelay) =>
            new SqlUnitOfWork<SqlExecutor>(prisma as never, {
              service: config.service,
              onCommitted: () => relay.wake(),
              notifyPayload: relay.notifyId,
              topicPrefix: config.topicPrefix,
            }),
        },
        {
          provide: WALLET_UNIT_OF_WORK,
          inject: [UNIT_OF_WORK],
          useFactory: (uow: SqlUnitOfWork<SqlExecutor>) => new SqlWalletUnitOfWork(uow),
        },
        {
          provide: USER_READ_MODEL,
          inject: [PRISMA],
          useFactory: (prisma: UserSqlClient) => new SqlUserReadModel(prisma),
        },
        OutboxRuntime,
        KafkaProbe,
      ],
      exports: [KafkaProbe, USER_CONFIG, LOGGER, PRISMA, KAFKA, UNIT_OF_WORK, WALLET_UNIT_OF_WORK, USER_READ_MODEL],
    };
  }
}
