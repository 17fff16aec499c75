import { tracingDetail } from '@saga/telemetry';
import { z } from 'zod';

export const DEV_JWT_SECRET = 'dev-only-insecure-secret-change-me';

/** 'true'/'false' (any case, also 1/0) from an env string; z.coerce.boolean would read 'false' as true. */
export const envBoolean = (defaultValue: boolean) =>
  z
    .enum(['true', 'false', 'TRUE', 'FALSE', 'True', 'False', '1', '0'])
    .default(defaultValue ? 'true' : 'false')
    .transform((value) => value.toLowerCase() === 'true' || value === '1');

const positiveInt = (defaultValue: number) => z.coerce.number().int().positive().default(defaultValue);

/** PORT with a service-specific default: `BaseEnv.extend({ PORT: envPort(3001) })`. */
export const envPort = (defaultValue: number) => z.coerce.number().int().min(1).max(65535).default(defaultValue);

/** Dev database URL for one service database (the dev PostgreSQL on 5433). */
export const devDatabaseUrl = (database: string) => `postgresql://saga:saga@127.0.0.1:5433/${database}`;

const BaseEnvShape = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: envPort(3000),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).default(devDatabaseUrl('postgres')),
  DATABASE_POOL_SIZE: positiveInt(10),
  /**
   * Statements run as prepared statements on each pooled connection (parsed and planned once). Set false
   * behind a pooler that does not keep them across transactions (PgBouncer in transaction mode before 1.21).
   */
  DATABASE_PREPARED_STATEMENTS: envBoolean(true),
  /** Graceful shutdown gets this long; then the process exits anyway (offsets of unfinished work stay uncommitted). */
  SHUTDOWN_TIMEOUT_MS: positiveInt(15000),
  /** Test isolation only (a run's own topics and consumer groups); empty in every real deployment. */
  KAFKA_TOPIC_PREFIX: z
    .string()
    .regex(/^[a-zA-Z0-9._-]*$/, 'letters, digits, . _ -')
    .default(''),
  KAFKA_BROKERS: z
    .string()
    .default('127.0.0.1:9092')
    .transform((value) =>
      value
        .split(',')
        .map((broker) => broker.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().regex(/^[^:\s]+:\d+$/, 'expected host:port')).min(1)),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).default('redis://127.0.0.1:6380'),
  AUTH_JWT_SECRET: z.string().min(16).default(DEV_JWT_SECRET),
  TRACING_ENABLED: envBoolean(true),
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url().default('http://127.0.0.1:4318'),
  DEPLOYMENT_ENVIRONMENT: z.string().min(1).default('development'),
  /** Span detail beyond the per-checkout budget: `sql`, `redis`, `nest` (comma-separated), `all` or none (default). */
  TRACING_DETAIL: tracingDetail(),
  OUTBOX_NOTIFY: envBoolean(true),
  OUTBOX_POLL_INTERVAL_MS: positiveInt(500),
  OUTBOX_BATCH_SIZE: positiveInt(100),
  OUTBOX_LINGER_MS: z.coerce.number().int().min(0).default(0),
  OUTBOX_RETENTION_HOURS: positiveInt(72),
  CONSUMER_MAX_ATTEMPTS: positiveInt(5),
  CONSUMER_RETRY_INITIAL_MS: positiveInt(200),
  CONSUMER_RETRY_MAX_MS: positiveInt(10_000),
  CONSUMER_PARTITIONS_CONCURRENTLY: positiveInt(4),
  CONSUMER_COMMIT_INTERVAL_MS: positiveInt(200),
  /**
   * A fetch answers once this many bytes wait on the consumer's partitions, or after CONSUMER_FETCH_MAX_WAIT_MS.
   * 1 answers at the first message. The broker reads every partition a fetch lists, and a service's one
   * consumer lists all of its topics' partitions, so gathering several messages per fetch saves broker CPU
   * under load at the price of up to the wait per hop (docs/performance.md).
   */
  CONSUMER_FETCH_MIN_BYTES: positiveInt(1),
  CONSUMER_FETCH_MAX_WAIT_MS: positiveInt(1000),
  /**
   * Availability (docs/reliability.md, Mechanisms). A consumer that sends no heartbeat this long
   * (crashed, frozen) loses its partitions; it also bounds how long a restarted instance's consumers
   * wait for their dead predecessor (kafkajs has no static membership: after a SIGKILL this is the
   * floor of a restart). The broker's default minimum, 6000; heartbeats every second leave 5 spare.
   */
  KAFKA_SESSION_TIMEOUT_MS: positiveInt(6_000),
  /** Heartbeats per member; a rebalance reaches every live member within one interval. */
  KAFKA_HEARTBEAT_INTERVAL_MS: positiveInt(1_000),
  /** How long a rebalance waits for every member to rejoin (finish its in-flight message first). */
  KAFKA_REBALANCE_TIMEOUT_MS: positiveInt(15_000),
  /** Cap of every kafkajs retry backoff and of a crashed consumer's restart delay. */
  KAFKA_RETRY_MAX_MS: positiveInt(2_000),
  /** Outbox relay leadership lease: a leader that stops renewing (frozen) is replaced after this long. */
  OUTBOX_RELAY_LEASE_MS: z.coerce.number().int().min(1_000).default(10_000),
  /** `transaction`: a new relay leader fences the old one (no batch published twice); `none`: one Kafka request per batch instead of three. */
  OUTBOX_RELAY_FENCING: z.enum(['transaction', 'none']).default('transaction'),
  CONSUMER_BATCH_MAX: positiveInt(50),
});

/**
 * Common env of every service. Extend it per service (`BaseEnv.extend({ PORT: envPort(3001), ... })`);
 * `refineBaseEnv` is applied by `loadEnv`, so extended schemas keep the production checks.
 */
export const BaseEnv = BaseEnvShape;
export type BaseEnv = z.infer<typeof BaseEnv>;

/** Cross-field rules of the common env, checked by `loadEnv` for every schema that has these fields. */
export function baseEnvProblems(env: Record<string, unknown>): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  if (env.NODE_ENV === 'production' && env.AUTH_JWT_SECRET === DEV_JWT_SECRET) {
    problems.push({ path: 'AUTH_JWT_SECRET', message: 'the dev default secret is refused when NODE_ENV=production' });
  }
  return problems;
}
