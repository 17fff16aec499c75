import type { OnApplicationBootstrap, OnModuleDestroy, Provider, Type } from '@nestjs/common';
import { ConsumerHost, type MessageHandler } from '@saga/messaging';
import type { SqlExecutor, UnitOfWork } from '@saga/outbox';
import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import type { DependencyMonitor } from '@saga/service-kit';
import type { ServiceRuntimeConfig } from '../config/service-runtime-config';
import { DEPENDENCY_MONITOR, KAFKA, LOGGER, SERVICE_CONFIG, UNIT_OF_WORK } from '../tokens';

/**
 * Every subscription of a service, in the service's one consumer group `<service>`. Starts joining with
 * the app but does not hold up its start (HTTP, database and outbox serve at once; readiness waits for the
 * group); stops in onModuleDestroy, so before the runtime lifecycle (onApplicationShutdown) stops the relay.
 */
export class ServiceConsumers implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly host: ConsumerHost;

  constructor(
    private readonly config: ServiceRuntimeConfig,
    deps: { kafka: Kafka; uow: UnitOfWork<SqlExecutor>; logger: Logger; health?: DependencyMonitor },
    handlers: MessageHandler[],
  ) {
    this.host = new ConsumerHost({
      service: config.service,
      ...deps,
      retry: config.retry,
      partitionsConsumedConcurrently: config.partitionsConsumedConcurrently,
      commitIntervalMs: config.commitIntervalMs,
      fetchMinBytes: config.fetchMinBytes,
      maxWaitTimeMs: config.fetchMaxWaitMs,
      sessionTimeoutMs: config.sessionTimeoutMs,
      heartbeatIntervalMs: config.heartbeatIntervalMs,
      rebalanceTimeoutMs: config.rebalanceTimeoutMs,
      restartMaxMs: config.restartMaxMs,
      maxBatchSize: config.maxBatchSize,
      traceMessages: config.traceMessages,
      topicPrefix: config.topicPrefix,
    });
    this.host.register(...handlers);
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.consumersEnabled) this.host.startInBackground();
  }

  /** Resolves once the consumer group has been joined (tests that must not race the join). */
  joined(): Promise<void> {
    return this.host.whenStarted();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.config.consumersEnabled) await this.host.stop();
  }
}

/** The consumers of `handlers`, registered in this order; the handlers must be providers of the same module. */
export function serviceConsumers(handlers: Type<MessageHandler>[]): Provider {
  return {
    provide: ServiceConsumers,
    inject: [SERVICE_CONFIG, KAFKA, UNIT_OF_WORK, LOGGER, DEPENDENCY_MONITOR, ...handlers],
    useFactory: (
      config: ServiceRuntimeConfig,
      kafka: Kafka,
      uow: UnitOfWork<SqlExecutor>,
      logger: Logger,
      health: DependencyMonitor,
      ...instances: MessageHandler[]
    ) => new ServiceConsumers(config, { kafka, uow, logger, health }, instances),
  };
}
