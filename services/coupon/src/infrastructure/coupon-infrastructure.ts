import { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { createKafka } from '@saga/messaging';
import { OutboxCleaner, OutboxRelay, SqlUnitOfWork, SqlExecutor } from '@saga/outbox';
import { KafkaProbe } from '@saga/participant';
import { createRedisClient, DependencyMonitor, Logger } from '@saga/service-kit';
import type { Redis } from 'ioredis';
import type { Kafka } from 'kafkajs';
import { CouponEnv } from './config/env';
import { CouponSqlClient, createSqlClient } from './prisma/sql-client';

export const SERVICE = 'coupon';

export interface CouponInfrastructureOptions {
  env: CouponEnv;
  logger: Logger;
  /** Isolates test runs on a shared broker: prepended to every produced and consumed topic. */
  topicPrefix?: string;
}

/** Connections owned by one service instance; the relay starts with the app and everything closes last. */
export class CouponInfrastructure implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly prisma: CouponSqlClient;
  readonly redis: Redis;
  readonly kafka: Kafka;
  readonly uow: SqlUnitOfWork<SqlExecutor>;
  readonly relay: OutboxRelay;
  readonly kafkaProbe: KafkaProbe;
  /** Outages the relay and the consumers observed (readiness). */
  readonly monitor = new DependencyMonitor();
  private readonly cleaner: OutboxCleaner;

  constructor(readonly options: CouponInfrastructureOptions) {
    const { env, logger } = options;
    this.prisma = createSqlClient(env.DATABASE_URL, env.DATABASE_POOL_SIZE);
    this.redis = createRedisClient(env.REDIS_URL, logger, { lazyConnect: false, maxRetriesPerRequest: 2 });
    this.kafka = createKafka({
      clientId: `${SERVICE}-service`,
      brokers: env.KAFKA_BROKERS,
      logger,
      retryMaxMs: env.KAFKA_RETRY_MAX_MS,
    });
    this.kafkaProbe = new KafkaProbe(this.kafka);
    this.relay = new OutboxRelay({
      service: SERVICE,
      databaseUrl: env.DATABASE_URL,
      producer: this.kafka,
      logger,
      batchSize: env.OUTBOX_BATCH_SIZE,
      pollIntervalMs: env.OUTBOX_POLL_INTERVAL_MS,
      notify: env.OUTBOX_NOTIFY,
      lingerMs: env.OUTBOX_LINGER_MS,
      leaseMs: env.OUTBOX_RELAY_LEASE_MS,
      fencing: env.OUTBOX_RELAY_FENCING,
      health: this.monitor,
    });
    this.uow = new SqlUnitOfWork<SqlExecutor>(this.prisma as never, {
      service: SERVICE,
      onCommitted: () => this.relay.wake(),
      notifyPayload: this.relay.notifyId,
      topicPrefix: options.topicPrefix,
    });
    this.cleaner = new OutboxCleaner({ db: this.prisma, logger, retentionHours: env.OUTBOX_RETENTION_HOURS });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.relay.start();
    this.cleaner.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.cleaner.stop();
    await this.relay.stop();
    await Promise.allSettled([this.prisma.$disconnect(), this.redis.quit(), this.kafkaProbe.onApplicationShutdown()]);
  }
}
