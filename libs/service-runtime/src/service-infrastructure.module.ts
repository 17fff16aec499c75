import { DynamicModule, Module, Provider } from '@nestjs/common';
import { createKafka } from '@saga/messaging';
import { OutboxRelay, PgSqlClient, SqlUnitOfWork } from '@saga/outbox';
import { createLogger, createRedisClient, DependencyMonitor } from '@saga/service-kit';
import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import type { ServiceRuntimeConfig } from './config/service-runtime-config';
import { KafkaProbe } from './kafka/kafka-probe';
import { OutboxLifecycle } from './outbox/outbox-lifecycle';
import {
  DEPENDENCY_MONITOR,
  KAFKA,
  LOGGER,
  OUTBOX_RELAY,
  REDIS,
  SERVICE_CONFIG,
  SQL_CLIENT,
  UNIT_OF_WORK,
} from './tokens';

/**
 * Global, so every module of the service can inject it: logger, node-postgres pool, Kafka, outbox relay,
 * the unit of work that wakes it, Redis when configured, their lifecycle and the Kafka readiness probe,
 * and the process's one DependencyMonitor (relay and consumer groups report outages to it).
 * Metrics (a registry and the relay/consumer/pool instruments) belong here too, next to what they measure.
 */
@Module({})
export class ServiceInfrastructureModule {
  static forRoot(config: ServiceRuntimeConfig): DynamicModule {
    const redis: Provider[] = config.redis
      ? [
          {
            provide: REDIS,
            inject: [LOGGER],
            // reconnects by itself with a capped backoff; errors logged once per outage, not per attempt
            useFactory: (logger: Logger) =>
              createRedisClient(config.redis!.url, logger, {
                lazyConnect: true,
                maxRetriesPerRequest: config.redis!.maxRetriesPerRequest,
                maxReconnectDelayMs: config.kafkaRetryMaxMs,
              }),
          },
        ]
      : [];
    return {
      module: ServiceInfrastructureModule,
      global: true,
      providers: [
        { provide: SERVICE_CONFIG, useValue: config },
        { provide: LOGGER, useFactory: () => createLogger({ service: config.service, level: config.logLevel }) },
        { provide: DEPENDENCY_MONITOR, useFactory: () => new DependencyMonitor() },
        {
          provide: SQL_CLIENT,
          inject: [LOGGER],
          useFactory: (logger: Logger) =>
            new PgSqlClient({
              connectionString: config.databaseUrl,
              max: config.databasePoolSize,
              preparedStatements: config.databasePreparedStatements,
              applicationName: config.service,
              onConnectionError: (error) => logger.warn({ err: error }, 'database connection lost'),
            }),
        },
        {
          provide: KAFKA,
          inject: [LOGGER],
          useFactory: (logger: Logger) =>
            createKafka({
              clientId: `${config.service}-service`,
              brokers: config.kafkaBrokers,
              logger,
              retryMaxMs: config.kafkaRetryMaxMs,
            }),
        },
        {
          provide: OUTBOX_RELAY,
          inject: [KAFKA, LOGGER, DEPENDENCY_MONITOR],
          useFactory: (kafka: Kafka, logger: Logger, monitor: DependencyMonitor) =>
            new OutboxRelay({
              service: config.service,
              databaseUrl: config.databaseUrl,
              producer: kafka,
              logger,
              batchSize: config.outbox.batchSize,
              pollIntervalMs: config.outbox.pollIntervalMs,
              notify: config.outbox.notify,
              lingerMs: config.outbox.lingerMs,
              leaseMs: config.outbox.leaseMs,
              fencing: config.outbox.fencing,
              health: monitor,
            }),
        },
        {
          provide: UNIT_OF_WORK,
          inject: [SQL_CLIENT, OUTBOX_RELAY],
          useFactory: (sql: PgSqlClient, relay: OutboxRelay) =>
            new SqlUnitOfWork(sql, {
              service: config.service,
              onCommitted: () => relay.wake(),
              notifyPayload: relay.notifyId,
              topicPrefix: config.topicPrefix,
            }),
        },
        ...redis,
        OutboxLifecycle,
        KafkaProbe,
      ],
      exports: [
        KafkaProbe,
        DEPENDENCY_MONITOR,
        SERVICE_CONFIG,
        LOGGER,
        SQL_CLIENT,
        KAFKA,
        OUTBOX_RELAY,
        UNIT_OF_WORK,
        ...(config.redis ? [REDIS] : []),
      ],
    };
  }
}
