import { BaseEnv, parseEnv } from '@saga/service-kit';
import { serviceRuntimeConfigFromEnv } from './service-runtime-config';

describe('serviceRuntimeConfigFromEnv', () => {
  it('maps the common env, with no topic prefix when KAFKA_TOPIC_PREFIX is empty', () => {
    const env = parseEnv(BaseEnv, {
      DATABASE_URL: 'postgresql://saga:saga@db:5432/product_db',
      KAFKA_BROKERS: 'k1:9092,k2:9092',
      OUTBOX_LINGER_MS: '5',
      CONSUMER_MAX_ATTEMPTS: '7',
    });
    expect(serviceRuntimeConfigFromEnv('product', env)).toEqual({
      service: 'product',
      topicPrefix: undefined,
      databaseUrl: 'postgresql://saga:saga@db:5432/product_db',
      databasePoolSize: 10,
      databasePreparedStatements: true,
      kafkaBrokers: ['k1:9092', 'k2:9092'],
      jwtSecret: env.AUTH_JWT_SECRET,
      logLevel: 'info',
      retry: { maxAttempts: 7, initialDelayMs: 200, maxDelayMs: 10_000 },
      partitionsConsumedConcurrently: 4,
      commitIntervalMs: 200,
      fetchMinBytes: 1,
      fetchMaxWaitMs: 1000,
      sessionTimeoutMs: 6_000,
      heartbeatIntervalMs: 1_000,
      rebalanceTimeoutMs: 15_000,
      restartMaxMs: 2_000,
      kafkaRetryMaxMs: 2_000,
      maxBatchSize: 50,
      consumersEnabled: true,
      outbox: {
        notify: true,
        pollIntervalMs: 500,
        batchSize: 100,
        lingerMs: 5,
        retentionHours: 72,
        leaseMs: 10_000,
        fencing: 'transaction',
      },
    });
  });

  it('adds Redis only for a service that asks for it', () => {
    const env = parseEnv(BaseEnv, { REDIS_URL: 'redis://cache:6379/2' });
    expect(serviceRuntimeConfigFromEnv('product', env).redis).toBeUndefined();
    expect(serviceRuntimeConfigFromEnv('order', env, { redis: true }).redis).toEqual({
      url: 'redis://cache:6379/2',
      maxRetriesPerRequest: 3,
    });
  });

  it('keeps a test run topic prefix', () => {
    const env = parseEnv(BaseEnv, { KAFKA_TOPIC_PREFIX: 'run-1.' });
    expect(serviceRuntimeConfigFromEnv('user', env).topicPrefix).toBe('run-1.');
  });
});
