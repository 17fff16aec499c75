import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { serviceList } from '@saga/contracts';

/**
 * The one description of the dev infrastructure. The native runner, docker-compose.yml (checked by a unit
 * test) and the test harness all use these ports and env names.
 */
export const REPO_ROOT = resolve(__dirname, '..', '..');

export const DEFAULT_PORTS = {
  kafka: 9092,
  kafkaController: 9093,
  postgres: 5433,
  redis: 6380,
  jaegerOtlpGrpc: 4317,
  jaegerOtlpHttp: 4318,
  jaegerQuery: 16686,
  jaegerQueryGrpc: 16685,
  jaegerHealth: 13133,
} as const;
export type InfraPorts = { readonly [K in keyof typeof DEFAULT_PORTS]: number };

/**
 * SAGA_INFRA_PORT_OFFSET (default 0) shifts every port, so a second instance (the fault suite's, with its own
 * SAGA_LOCAL_DIR) can run beside the dev one that others use.
 */
export function infraPorts(offsetText = process.env.SAGA_INFRA_PORT_OFFSET): InfraPorts {
  const offset = Number(offsetText ?? 0);
  if (!Number.isInteger(offset) || offset < 0 || offset > 10_000)
    throw new Error(`SAGA_INFRA_PORT_OFFSET must be an integer in 0..10000, got ${offsetText}`);
  const entries = Object.entries(DEFAULT_PORTS).map(([name, port]) => [name, port + offset]);
  return Object.fromEntries(entries) as InfraPorts;
}

export const PORTS = infraPorts();

/** From services.json, the one list of services. */
export const SERVICES = serviceList();
export const SERVICE_PORTS: Readonly<Record<string, number>> = Object.fromEntries(
  SERVICES.map((s) => [s.name, s.port]),
);

export const HOST = '127.0.0.1';

export const POSTGRES = {
  user: 'saga',
  password: 'saga',
  databases: SERVICES.map((s) => s.database),
} as const;

export const VERSIONS = {
  kafka: '4.1.1',
  log4j: '2.24.3',
  postgres: '15',
  redis: '7',
  /** Same repository as the Jaeger v2 line; the Go module proxy lists tags only up to this one. */
  jaeger: 'v1.76.0',
} as const;

/** Env names every service and test reads; the values are the dev defaults. */
export const DEV_ENV = {
  KAFKA_BROKERS: `${HOST}:${PORTS.kafka}`,
  REDIS_URL: `redis://${HOST}:${PORTS.redis}`,
  OTEL_EXPORTER_OTLP_ENDPOINT: `http://${HOST}:${PORTS.jaegerOtlpHttp}`,
  JAEGER_QUERY_URL: `http://${HOST}:${PORTS.jaegerQuery}`,
  POSTGRES_ADMIN_URL: `postgresql://${POSTGRES.user}:${POSTGRES.password}@${HOST}:${PORTS.postgres}/postgres`,
} as const;

export function databaseUrl(database: string): string {
  return `postgresql://${POSTGRES.user}:${POSTGRES.password}@${HOST}:${PORTS.postgres}/${database}`;
}

/** Per checkout: pids, logs, data. Git-ignored. */
export const LOCAL_DIR = process.env.SAGA_LOCAL_DIR ?? join(REPO_ROOT, '.local');
/** Downloads and builds, shared between runs and between clones. */
export const CACHE_DIR = process.env.SAGA_CACHE_DIR ?? join(homedir(), '.cache', 'saga-platform');

export const paths = {
  lock: join(LOCAL_DIR, 'infra.lock'),
  logs: join(LOCAL_DIR, 'logs'),
  pids: join(LOCAL_DIR, 'pids'),
  kafka: join(LOCAL_DIR, 'kafka'),
  postgres: join(LOCAL_DIR, 'postgres'),
  redis: join(LOCAL_DIR, 'redis'),
  jaeger: join(LOCAL_DIR, 'jaeger'),
  kafkaCache: join(CACHE_DIR, `kafka-${VERSIONS.kafka}`),
  jaegerCache: join(CACHE_DIR, `jaeger-${VERSIONS.jaeger}`),
};

export const COMPONENTS = ['postgres', 'redis', 'kafka', 'jaeger'] as const;
export type ComponentName = (typeof COMPONENTS)[number];
