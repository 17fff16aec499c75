import type { RetryPolicy } from '@saga/messaging';
import type { BaseEnv } from '@saga/service-kit';

/** Consumer group membership timing (ConsumerHost options of the same names); ConsumerHost defaults when absent. */
export interface GroupTiming {
  sessionTimeoutMs?: number;
  heartbeatIntervalMs?: number;
  rebalanceTimeoutMs?: number;
  restartMaxMs?: number;
}

/** What every service's runtime needs; built from the env in main.ts, or by a test with its own database and topics. */
export interface ServiceRuntimeConfig extends GroupTiming {
  /** Service name: the consumer group, handler ids `<service>.<Handler>` and the outbox notify channel. */
  service: string;
  databaseUrl: string;
  databasePoolSize: number;
  /** DATABASE_PREPARED_STATEMENTS. */
  databasePreparedStatements: boolean;
  kafkaBrokers: string[];
  jwtSecret: string;
  logLevel: string;
  retry: RetryPolicy;
  partitionsConsumedConcurrently: number;
  commitIntervalMs: number;
  /** ConsumerHost fetchMinBytes / maxWaitTimeMs. */
  fetchMinBytes?: number;
  fetchMaxWaitMs?: number;
  /** Most messages of one partition handled in one transaction (1 = one per message). */
  maxBatchSize: number;
  /** ConsumerHost traceMessages: a process span per handled message in its producer's trace. Default true. */
  traceMessages?: boolean;
  outbox: {
    notify: boolean;
    pollIntervalMs: number;
    batchSize: number;
    lingerMs: number;
    retentionHours: number;
    /** Relay leadership lease (OutboxRelay leaseMs). */
    leaseMs?: number;
    /** OutboxRelay fencing. */
    fencing?: 'transaction' | 'none';
  };
  /** Cap of kafkajs retry backoffs (createKafka retryMaxMs). */
  kafkaRetryMaxMs?: number;
  /** false serves HTTP only (no consumer groups joined). */
  consumersEnabled: boolean;
  /** Test isolation only: prepended to every consumed and produced topic (and consumer group). */
  topicPrefix?: string;
  /** Redis for the services that use it (order's aggregator, coupon's admission); connected at start-up. */
  redis?: { url: string; maxRetriesPerRequest: number };
}

export type ConsumerSettings = Pick<
  ServiceRuntimeConfig,
  | 'retry'
  | 'partitionsConsumedConcurrently'
  | 'commitIntervalMs'
  | 'maxBatchSize'
  | 'fetchMinBytes'
  | 'fetchMaxWaitMs'
  | 'traceMessages'
  | keyof GroupTiming
>;

/** The `ConsumerHost` options every service reads from the common env (`CONSUMER_*`). */
export function consumerSettingsFromEnv(env: BaseEnv): ConsumerSettings {
  return {
    retry: {
      maxAttempts: env.CONSUMER_MAX_ATTEMPTS,
      initialDelayMs: env.CONSUMER_RETRY_INITIAL_MS,
      maxDelayMs: env.CONSUMER_RETRY_MAX_MS,
    },
    partitionsConsumedConcurrently: env.CONSUMER_PARTITIONS_CONCURRENTLY,
    commitIntervalMs: env.CONSUMER_COMMIT_INTERVAL_MS,
    fetchMinBytes: env.CONSUMER_FETCH_MIN_BYTES,
    fetchMaxWaitMs: env.CONSUMER_FETCH_MAX_WAIT_MS,
    sessionTimeoutMs: env.KAFKA_SESSION_TIMEOUT_MS,
    heartbeatIntervalMs: env.KAFKA_HEARTBEAT_INTERVAL_MS,
    rebalanceTimeoutMs: env.KAFKA_REBALANCE_TIMEOUT_MS,
    restartMaxMs: env.KAFKA_RETRY_MAX_MS,
    maxBatchSize: env.CONSUMER_BATCH_MAX,
  };
}

/**
 * The common env (`BaseEnv`) as runtime config; `redis` adds REDIS_URL (order and coupon), with the
 * commands' retry budget while Redis is unreachable (default 3).
 */
export function serviceRuntimeConfigFromEnv(
  service: string,
  env: BaseEnv,
  options: { redis?: boolean | { maxRetriesPerRequest: number } } = {},
): ServiceRuntimeConfig {
  const redis = options.redis === true ? { maxRetriesPerRequest: 3 } : options.redis || undefined;
  return {
    service,
    topicPrefix: env.KAFKA_TOPIC_PREFIX || undefined,
    databaseUrl: env.DATABASE_URL,
    databasePoolSize: env.DATABASE_POOL_SIZE,
    databasePreparedStatements: env.DATABASE_PREPARED_STATEMENTS,
    kafkaBrokers: env.KAFKA_BROKERS,
    jwtSecret: env.AUTH_JWT_SECRET,
    logLevel: env.LOG_LEVEL,
    ...consumerSettingsFromEnv(env),
    consumersEnabled: true,
    outbox: {
      notify: env.OUTBOX_NOTIFY,
      pollIntervalMs: env.OUTBOX_POLL_INTERVAL_MS,
      batchSize: env.OUTBOX_BATCH_SIZE,
      lingerMs: env.OUTBOX_LINGER_MS,
      retentionHours: env.OUTBOX_RETENTION_HOURS,
      leaseMs: env.OUTBOX_RELAY_LEASE_MS,
      fencing: env.OUTBOX_RELAY_FENCING,
    },
    kafkaRetryMaxMs: env.KAFKA_RETRY_MAX_MS,
    ...(redis ? { redis: { url: env.REDIS_URL, ...redis } } : {}),
  };
}
