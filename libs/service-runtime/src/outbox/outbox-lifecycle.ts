import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown, Optional } from '@nestjs/common';
import { OutboxCleaner, OutboxRelay, type PgSqlClient } from '@saga/outbox';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { ServiceRuntimeConfig } from '../config/service-runtime-config';
import { LOGGER, OUTBOX_RELAY, REDIS, SERVICE_CONFIG, SQL_CLIENT } from '../tokens';

/**
 * Opens the connections and starts the outbox relay and cleaner with the app (before any consumer joins);
 * on shutdown, after the consumers stopped (onModuleDestroy), stops cleaner and relay, then closes the
 * pool and Redis.
 */
@Injectable()
export class OutboxLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly cleaner: OutboxCleaner;

  constructor(
    @Inject(OUTBOX_RELAY) private readonly relay: OutboxRelay,
    @Inject(SQL_CLIENT) private readonly sql: PgSqlClient,
    @Inject(SERVICE_CONFIG) config: ServiceRuntimeConfig,
    @Inject(LOGGER) logger: Logger,
    @Optional() @Inject(REDIS) private readonly redis?: Redis,
  ) {
    this.cleaner = new OutboxCleaner({ db: sql, logger, retentionHours: config.outbox.retentionHours });
  }

  async onApplicationBootstrap(): Promise<void> {
    await Promise.all([this.sql.$connect(), this.redis?.connect()]);
    await this.relay.start();
    this.cleaner.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.cleaner.stop();
    await this.relay.stop();
    await Promise.allSettled([this.sql.$disconnect(), this.redis?.quit()]);
  }
}
