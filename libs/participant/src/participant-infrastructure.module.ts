import { DynamicModule, InjectionToken, Module, Provider } from '@nestjs/common';
import { createKafka } from '@saga/messaging';
import { OutboxRelay, PgSqlClient, SqlUnitOfWork, type SqlExecutor } from '@saga/outbox';
import { createLogger, DependencyMonitor } from '@saga/service-kit';
import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import type { ParticipantConfig } from './config/participant-config';
import { KafkaProbe } from './kafka/kafka-probe';
import { OutboxRuntime } from './outbox/outbox-runtime';
import {
  DEPENDENCY_MONITOR,
  KAFKA,
  LOGGER,
  OUTBOX_RELAY,
  PARTICIPANT_CONFIG,
  SQL_CLIENT,
  UNIT_OF_WORK,
} from './tokens';

export interface ParticipantInfrastructureOptions {
  config: ParticipantConfig;
  /** The service's own adapters (its unit of work, read models), built on the tokens above; exported app-wide. */
  adapters: Provider[];
}

/**
 * Global: logger, SQL pool, Kafka, outbox relay, the unit of work that wakes it, the outbox runtime and
 * the Kafka readiness probe, plus the service's adapters.
 */
@Module({})
export class ParticipantInfrastructureModule {
  static forRoot({ config, adapters }: ParticipantInfrastructureOptions): DynamicModule {
    return {
      module: ParticipantInfrastructureModule,
      global: true,
      providers: [
        { provide: PARTICIPANT_CONFIG, useValue: config },
        { provide: LOGGER, useFactory: () => createLogger({ service: config.service, level: config.logLevel }) },
        { provide: DEPENDENCY_MONITOR, useFactory: () => new DependencyMonitor() },
        {
          provide: SQL_CLIENT,
          inject: [LOGGER],
          useFactory: (logger: Logger) =>
            new PgSqlClient({
              connectionString: config.databaseUrl,
              max: config.databasePoolSize,
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
            new SqlUnitOfWork<SqlExecutor>(sql as never, {
              service: config.service,
              onCommitted: () => relay.wake(),
              notifyPayload: relay.notifyId,
              topicPrefix: config.topicPrefix,
            }),
        },
        ...adapters,
        OutboxRuntime,
        KafkaProbe,
      ],
      exports: [
        KafkaProbe,
        DEPENDENCY_MONITOR,
        PARTICIPANT_CONFIG,
        LOGGER,
        SQL_CLIENT,
        KAFKA,
        UNIT_OF_WORK,
        ...adapters.map(tokenOf),
      ],
    };
  }
}

function tokenOf(provider: Provider): InjectionToken {
  return 'provide' in provider ? provider.provide : provider;
}
