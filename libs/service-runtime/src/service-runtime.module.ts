import { DynamicModule, InjectionToken, Module, ModuleMetadata, Provider, Type } from '@nestjs/common';
import type { MessageHandler } from '@saga/messaging';
import type { PgSqlClient } from '@saga/outbox';
import {
  AuthModule,
  type DependencyMonitor,
  HealthModule,
  kafkaReadiness,
  domainErrorMapping,
  redisReadiness,
  sqlReadiness,
  type DomainErrorTranslator,
  type ReadinessCheck,
} from '@saga/service-kit';
import type { Redis } from 'ioredis';
import type { ServiceRuntimeConfig } from './config/service-runtime-config';
import { KafkaProbe } from './kafka/kafka-probe';
import { serviceConsumers } from './messaging/service-consumers';
import { ServiceInfrastructureModule } from './service-infrastructure.module';
import { DEPENDENCY_MONITOR, REDIS, SQL_CLIENT } from './tokens';

export interface ServiceRuntimeOptions {
  config: ServiceRuntimeConfig;
  /** The service's own providers: adapters, use cases, service-specific workers (with lifecycle hooks). */
  providers?: Provider[];
  controllers?: Type[];
  /** Event handler classes; each is a provider and joins its own consumer group `<service>.<name>`. */
  handlers?: Type<MessageHandler>[];
  /** The service's table from domain errors to HTTP errors, applied to every route. */
  domainErrors?: DomainErrorTranslator;
  /** Further modules the service needs (rarely: the providers above usually suffice). */
  imports?: ModuleMetadata['imports'];
  /** Readiness checks beyond PostgreSQL, Kafka and (when configured) Redis. */
  readiness?: { inject?: InjectionToken[]; useFactory: (...deps: any[]) => ReadinessCheck[] };
}

/**
 * The one template every service is built on: its AppModule is `ServiceRuntimeModule.forRoot({...})`.
 * Brings the shared infrastructure (global), JWT auth and `/health` (ready = `postgres` SELECT 1, `kafka`
 * describeCluster, `redis` PING when configured, `components`: the outbox relay working and every consumer
 * group joined, as reported to the process's DependencyMonitor, plus the service's extras), then the
 * service's providers, controllers and handlers with their consumers.
 *
 * Start-up: connections, outbox relay and cleaner (the infrastructure module's hooks run first), then
 * the service's workers; consumers join in the background (HTTP serves without waiting for Kafka). Shutdown: consumers and workers stop (onModuleDestroy), then
 * cleaner and relay, then pool and Redis (onApplicationShutdown).
 */
@Module({})
export class ServiceRuntimeModule {
  static forRoot(options: ServiceRuntimeOptions): DynamicModule {
    const { config, handlers = [], readiness } = options;
    const extraInject = readiness?.inject ?? [];
    return {
      module: ServiceRuntimeModule,
      imports: [
        ServiceInfrastructureModule.forRoot(config),
        AuthModule.forRoot({ secret: config.jwtSecret }),
        HealthModule.forRootAsync({
          inject: [SQL_CLIENT, KafkaProbe, DEPENDENCY_MONITOR, ...(config.redis ? [REDIS] : []), ...extraInject],
          useFactory: (sql: PgSqlClient, kafka: KafkaProbe, monitor: DependencyMonitor, ...rest: unknown[]) => {
            const redis = config.redis ? (rest.shift() as Redis) : undefined;
            return [
              sqlReadiness(sql),
              kafkaReadiness(() => kafka.describeCluster()),
              ...(redis ? [redisReadiness(redis)] : []),
              monitor.readiness(),
              ...(readiness ? readiness.useFactory(...rest) : []),
            ];
          },
        }),
        ...(options.imports ?? []),
      ],
      controllers: options.controllers ?? [],
      providers: [
        ...(options.providers ?? []),
        ...(options.domainErrors ? domainErrorMapping(options.domainErrors) : []),
        ...handlers,
        serviceConsumers(handlers),
      ],
    };
  }
}
