import type { DynamicModule, Provider } from '@nestjs/common';
import type { SqlExecutor, UnitOfWork } from '@saga/outbox';
import type { DependencyMonitor } from '@saga/service-kit';
import {
  DEPENDENCY_MONITOR,
  LOGGER,
  REDIS,
  SQL_CLIENT,
  ServiceRuntimeModule,
  UNIT_OF_WORK,
  type ServiceRuntimeConfig,
} from '@saga/service-runtime';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { CancelExpiredOrdersUseCase } from './application/cancel-expired-orders/cancel-expired-orders.use-case';
import { CancelOrderUseCase } from './application/cancel-order/cancel-order.use-case';
import { CompleteOrderUseCase } from './application/complete-order/complete-order.use-case';
import { GetOrderQuery } from './application/get-order/get-order.query';
import { ListOrdersQuery } from './application/list-orders/list-orders.query';
import { PlaceOrderUseCase } from './application/place-order/place-order.use-case';
import type { OrderProcessingStateStore } from './application/ports/order-processing-state-store';
import type { SagaMetrics } from './application/ports/saga-metrics';
import { systemClock } from './application/ports/transaction';
import { RecordBranchSuccessUseCase } from './application/record-branch-success/record-branch-success.use-case';
import { UpdatePriceReplicaUseCase } from './application/update-price-replica/update-price-replica.use-case';
import type { OrderEnv } from './infrastructure/config/env';
import { OrderTransactionRunner } from './infrastructure/persistence/order-transaction-runner';
import { SqlOrderRepository } from './infrastructure/persistence/sql-order-repository';
import { PrometheusSagaMetrics } from './infrastructure/metrics/prometheus-saga-metrics';
import { RedisOrderProcessingStateStore } from './infrastructure/redis/redis-order-processing-state-store';
import { DeadlineScanner } from './infrastructure/scheduling/deadline-scanner';
import { outageAwareClock } from './infrastructure/scheduling/outage-aware-clock';
import { toHttpError } from './interface/http/domain-errors';
import { OrdersController } from './interface/http/orders.controller';
import { ORDER_HANDLERS } from './interface/messaging/subscriptions';

export interface OrderOptions {
  env: OrderEnv;
  /** Isolated test runs only: Redis key prefix of the aggregation state. */
  redisKeyPrefix?: string;
}

const RUNNER = Symbol('OrderTransactionRunner');
const READER = Symbol('OrderReader');
const STATE_STORE = Symbol('OrderProcessingStateStore');
const SAGA_METRICS = Symbol('SagaMetrics');

/** The order adapters, its use cases on them, and the saga deadline scanner (a worker with lifecycle hooks). */
function orderProviders({ env, redisKeyPrefix }: OrderOptions): Provider[] {
  const runnerUseCase = <T>(token: new (...args: never[]) => T, build: (runner: OrderTransactionRunner) => T) => ({
    provide: token,
    inject: [RUNNER],
    useFactory: build,
  });
  const sagaUseCase = <T>(
    token: new (...args: never[]) => T,
    build: (runner: OrderTransactionRunner, metrics: SagaMetrics) => T,
  ) => ({ provide: token, inject: [RUNNER, SAGA_METRICS], useFactory: build });
  return [
    {
      provide: RUNNER,
      inject: [UNIT_OF_WORK],
      useFactory: (uow: UnitOfWork<SqlExecutor>) => new OrderTransactionRunner(uow),
    },
    { provide: READER, inject: [SQL_CLIENT], useFactory: (sql: SqlExecutor) => new SqlOrderRepository(sql) },
    {
      provide: STATE_STORE,
      inject: [REDIS],
      useFactory: (redis: Redis) =>
        new RedisOrderProcessingStateStore(redis, env.ORDER_STATE_TTL_SECONDS, redisKeyPrefix),
    },
    { provide: SAGA_METRICS, useClass: PrometheusSagaMetrics },
    sagaUseCase(
      PlaceOrderUseCase,
      (runner, metrics) => new PlaceOrderUseCase(runner, systemClock, env.SAGA_TIMEOUT_MS, metrics),
    ),
    { provide: GetOrderQuery, inject: [READER], useFactory: (reader: SqlOrderRepository) => new GetOrderQuery(reader) },
    {
      provide: ListOrdersQuery,
      inject: [READER],
      useFactory: (reader: SqlOrderRepository) => new ListOrdersQuery(reader),
    },
    {
      provide: RecordBranchSuccessUseCase,
      inject: [RUNNER, STATE_STORE],
      useFactory: (runner: OrderTransactionRunner, states: OrderProcessingStateStore) =>
        new RecordBranchSuccessUseCase(runner, states, systemClock),
    },
    sagaUseCase(CompleteOrderUseCase, (runner, metrics) => new CompleteOrderUseCase(runner, metrics)),
    sagaUseCase(CancelOrderUseCase, (runner, metrics) => new CancelOrderUseCase(runner, metrics)),
    {
      provide: CancelExpiredOrdersUseCase,
      inject: [RUNNER, SAGA_METRICS, DEPENDENCY_MONITOR],
      // the deadline is extended by the outages this process observed (relay, consumer groups, its own pauses)
      useFactory: (runner: OrderTransactionRunner, metrics: SagaMetrics, monitor: DependencyMonitor) => {
        monitor.watchPauses();
        return new CancelExpiredOrdersUseCase(
          runner,
          outageAwareClock(systemClock, monitor, env.SAGA_TIMEOUT_OUTAGE_SETTLE_MS),
          env.SAGA_TIMEOUT_BATCH_SIZE,
          metrics,
        );
      },
    },
    runnerUseCase(UpdatePriceReplicaUseCase, (runner) => new UpdatePriceReplicaUseCase(runner)),
    {
      provide: DeadlineScanner,
      inject: [CancelExpiredOrdersUseCase, LOGGER],
      useFactory: (cancelExpired: CancelExpiredOrdersUseCase, logger: Logger) =>
        new DeadlineScanner(cancelExpired, env.SAGA_TIMEOUT_SCAN_MS, logger),
    },
  ];
}

export const AppModule = {
  forRoot: (config: ServiceRuntimeConfig, options: OrderOptions): DynamicModule =>
    ServiceRuntimeModule.forRoot({
      config,
      providers: orderProviders(options),
      controllers: [OrdersController],
      handlers: ORDER_HANDLERS,
      domainErrors: toHttpError,
    }),
};
