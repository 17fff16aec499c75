import type Redis from 'ioredis';
import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { ConsumerHost, createKafka } from '@saga/messaging';
import { OutboxCleaner, OutboxRelay, SqlUnitOfWork, SqlExecutor } from '@saga/outbox';
import { consumerSettingsFromEnv, KafkaProbe } from '@saga/participant';
import { createRedisClient, DependencyMonitor } from '@saga/service-kit';
import { CancelExpiredOrders } from './application/cancel-expired-orders/cancel-expired-orders.use-case';
import { CancelOrder } from './application/cancel-order/cancel-order.use-case';
import { CompleteOrder } from './application/complete-order/complete-order.use-case';
import { GetOrder } from './application/get-order/get-order.use-case';
import { ListOrders } from './application/list-orders/list-orders.use-case';
import { PlaceOrder } from './application/place-order/place-order.use-case';
import { RecordBranchSuccess } from './application/record-branch-success/record-branch-success.use-case';
import { RequestPayment } from './application/request-payment/request-payment.use-case';
import { systemClock } from './application/shared/transaction';
import { UpdatePriceReplica } from './application/update-price-replica/update-price-replica.use-case';
import type { OrderUseCases } from './application/order-use-cases';
import { OrderEnv } from './infrastructure/config/env';
import { OrderTransactionRunner } from './infrastructure/prisma/order-transaction-runner';
import { createSqlClient, OrderSqlClient } from './infrastructure/prisma/sql-client';
import { PrismaOrderRepository } from './infrastructure/prisma/prisma-order.repository';
import { RedisOrderProcessingStateStore } from './infrastructure/redis/redis-order-processing-state-store';
import { DeadlineScanner } from './infrastructure/scheduling/deadline-scanner';
import { outageAwareClock } from './infrastructure/scheduling/outage-aware-clock';
import { registerOrderSubscriptions } from './interface/messaging/subscriptions';

export const SERVICE = 'order';

export interface OrderContextOptions {
  env: OrderEnv;
  logger: Logger;
  /** Isolated test runs only: prefix for every produced and consumed topic. */
  topicPrefix?: string;
  /** Isolated test runs only: consumer groups become `<consumerGroupPrefix>.<Handler>` (default `order`). */
  consumerGroupPrefix?: string;
  /** Isolated test runs only: Redis key prefix of the aggregation state. */
  redisKeyPrefix?: string;
}

/** Composition root: every adapter and use case of the order service, started and stopped together. */
export class OrderContext {
  readonly prisma: OrderSqlClient;
  readonly redis: Redis;
  readonly kafka: Kafka;
  readonly kafkaProbe: KafkaProbe;
  /** Outages the relay and the consumers observed: readiness, and the deadline's outage grace. */
  readonly monitor = new DependencyMonitor();
  readonly uow: SqlUnitOfWork<SqlExecutor>;
  readonly useCases: OrderUseCases;
  readonly consumers: ConsumerHost;
  readonly relay: OutboxRelay;
  private readonly cleaner: OutboxCleaner;
  readonly deadline: DeadlineScanner;

  constructor(private readonly options: OrderContextOptions) {
    const { env, logger } = options;
    this.prisma = createSqlClient(env.DATABASE_URL, env.DATABASE_POOL_SIZE);
    this.redis = createRedisClient(env.REDIS_URL, logger, { lazyConnect: true, maxRetriesPerRequest: 3 });
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
    this.cleaner = new OutboxCleaner({ db: this.prisma, logger, retentionHours: env.OUTBOX_RETENTION_HOURS });
    this.uow = new SqlUnitOfWork<SqlExecutor>(
      this.prisma as unknown as ConstructorParameters<typeof SqlUnitOfWork<SqlExecutor>>[0],
      {
        service: SERVICE,
        topicPrefix: options.topicPrefix,
        onCommitted: () => this.relay.wake(),
        notifyPayload: this.relay.notifyId,
      },
    );
    const runner = new OrderTransactionRunner(this.uow);
    const reader = new PrismaOrderRepository(this.prisma as unknown as SqlExecutor);
    const stateStore = new RedisOrderProcessingStateStore(
      this.redis,
      env.ORDER_STATE_TTL_SECONDS,
      options.redisKeyPrefix,
    );
    this.useCases = {
      placeOrder: new PlaceOrder(runner, systemClock, env.SAGA_TIMEOUT_MS),
      getOrder: new GetOrder(reader),
      listOrders: new ListOrders(reader),
      recordBranchSuccess: new RecordBranchSuccess(runner, stateStore, systemClock),
      requestPayment: new RequestPayment(runner),
      completeOrder: new CompleteOrder(runner),
      cancelOrder: new CancelOrder(runner),
      cancelExpiredOrders: new CancelExpiredOrders(
        runner,
        outageAwareClock(systemClock, this.monitor, env.SAGA_TIMEOUT_OUTAGE_SETTLE_MS),
        env.SAGA_TIMEOUT_BATCH_SIZE,
      ),
      updatePriceReplica: new UpdatePriceReplica(runner),
    };
    this.consumers = new ConsumerHost({
      service: options.consumerGroupPrefix ?? SERVICE,
      kafka: this.kafka,
      uow: this.uow,
      logger,
      ...consumerSettingsFromEnv(env),
      topicPrefix: options.topicPrefix,
      health: this.monitor,
    });
    registerOrderSubscriptions(this.consumers, this.useCases);
    this.deadline = new DeadlineScanner(this.useCases.cancelExpiredOrders, env.SAGA_TIMEOUT_SCAN_MS, logger);
  }

  /**
   * Serves checkouts (HTTP + database + outbox) without waiting for Kafka: the relay and the consumer
   * groups connect in the background and report to `monitor` (readiness) until they work.
   */
  async start(): Promise<void> {
    await Promise.all([this.redis.connect(), this.prisma.$connect()]);
    await this.relay.start();
    this.cleaner.start();
    this.consumers.startInBackground();
    this.deadline.start();
  }

  /** Resolves once every consumer group has joined (tests that must not race the join). */
  async consumersJoined(timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Object.keys(this.monitor.problems()).some((component) => component.startsWith('consumer:'))) {
      if (Date.now() > deadline) throw new Error(`consumers not joined: ${JSON.stringify(this.monitor.problems())}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async stop(): Promise<void> {
    await this.deadline.stop();
    await this.consumers.stop();
    await this.cleaner.stop();
    await this.relay.stop();
    await Promise.allSettled([this.kafkaProbe.onApplicationShutdown(), this.redis.quit(), this.prisma.$disconnect()]);
  }
}
