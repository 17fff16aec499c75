import type { OnApplicationBootstrap, OnModuleDestroy, Provider, Type } from '@nestjs/common';
import { ConsumerHost, type MessageHandler } from '@saga/messaging';
import type { SqlExecutor, UnitOfWork } from '@saga/outbox';
import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import type { ServiceRuntimeConfig } from '../config/service-runtime-config';
import { KAFKA, LOGGER, SERVICE_CONFIG, UNIT_OF_WORK } from '../tokens';

/**
 * Every subscription of a service, each its own consumer group `<service>.<Handler>`. Joins with the app;
 * stops in onModuleDestroy, so before the runtime lifecycle (onApplicationShutdown) stops the relay.
 */
export class ServiceConsumers implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly host: ConsumerHost;

  constructor(
    private readonly config: ServiceRuntimeConfig,
    deps: { kafka: Kafka; uow: UnitOfWork<SqlExecutor>; logger: Logger },
    handlers: MessageHandler[],
  ) {
    this.host = new ConsumerHost({
      service: config.service,
      ...deps,
      retry: config.retry,
      partitionsConsumedConcurrently: config.partitionsConsumedConcurrently,
      commitIntervalMs: config.commitIntervalMs,
      maxBatchSize: config.maxBatchSize,
      topicPrefix: config.topicPrefix,
    });
    this.host.register(...handlers);
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.consumersEnabled) await this.host.start();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.config.consumersEnabled) await this.host.stop();
  }
}

/** The consumers of `handlers`, registered in this order; the handlers must be providers of the same module. */
export function serviceConsumers(handlers: Type<MessageHandler>[]): Provider {
  return {
    provide: ServiceConsumers,
    inject: [SERVICE_CONFIG, KAFKA, UNIT_OF_WORK, LOGGER, ...handlers],
    useFactory: (
      config: ServiceRuntimeConfig,
      kafka: Kafka,
      uow: UnitOfWork<SqlExecutor>,
      logger: Logger,
      ...instances: MessageHandler[]
    ) => new ServiceConsumers(config, { kafka, uow, logger }, instances),
  };
}
