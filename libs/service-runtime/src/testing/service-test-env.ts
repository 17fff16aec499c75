import type { DynamicModule, INestApplication } from '@nestjs/common';
import { deadLetterTopicOf, Topics } from '@saga/contracts';
import { createLogger, createServiceApp, signDevToken } from '@saga/service-kit';
import { createTestDatabase, createTopics, currentEndpoints, uniqueId, type TestDatabase } from '@saga/test-harness';
import { Pool } from 'pg';
import type { ServiceRuntimeConfig } from '../config/service-runtime-config';

export interface ServiceTestEnvOptions {
  /** The service's name: logger, topic/group prefix and JWT secret are derived from it. */
  service: string;
  /** The service's `prisma/migrations` folder. */
  migrations: string;
  appModule: (config: ServiceRuntimeConfig) => DynamicModule;
  overrides?: Partial<ServiceRuntimeConfig>;
}

/**
 * A service on the template in-process against the real PostgreSQL and Kafka: a fresh database, and every
 * topic behind a unique prefix with a unique service name (consumer groups), so runs never see each other's
 * events. Integration tests only (not part of the build).
 */
export interface ServiceTestEnv {
  app: INestApplication;
  db: Pool;
  database: TestDatabase;
  config: ServiceRuntimeConfig;
  topic(name: string): string;
  group(handler: string): string;
  token(role: 'admin' | 'customer', sub?: string): string;
  /** One more instance on the same database, topics and consumer groups (closed by close()). */
  startAnotherInstance(): Promise<INestApplication>;
  close(): Promise<void>;
}

export async function startServiceTestEnv(options: ServiceTestEnvOptions): Promise<ServiceTestEnv> {
  const { service, appModule } = options;
  const endpoints = currentEndpoints();
  const database = await createTestDatabase(options.migrations);
  const prefix = `${uniqueId(service.slice(0, 2))}.`;
  const topics = Object.values(Topics).flatMap((t) => [`${prefix}${t}`, `${prefix}${deadLetterTopicOf(t)}`]);
  await createTopics(topics, { partitions: 3 });
  const jwtSecret = `${service}-integration-test-secret`;

  const config: ServiceRuntimeConfig = {
    service: uniqueId(service),
    databaseUrl: database.url,
    databasePoolSize: 10,
    kafkaBrokers: endpoints.kafkaBrokers,
    jwtSecret,
    logLevel: 'silent',
    retry: { maxAttempts: 3, initialDelayMs: 50, maxDelayMs: 200 },
    partitionsConsumedConcurrently: 3,
    commitIntervalMs: 100,
    consumersEnabled: true,
    outbox: { notify: true, pollIntervalMs: 200, batchSize: 100, lingerMs: 0, retentionHours: 72 },
    topicPrefix: prefix,
    ...options.overrides,
  };
  const start = async (): Promise<INestApplication> => {
    const app = await createServiceApp({
      module: appModule(config),
      service,
      logger: createLogger({ service, level: 'silent' }),
    });
    await app.init();
    return app;
  };
  const app = await start();
  const others: INestApplication[] = [];
  const db = new Pool({ connectionString: database.url, max: 4 });
  // pool.end() resolves before its clients finished closing; the database drop (WITH FORCE) that follows
  // can then terminate one, and an 'error' on a pool without a listener would crash the next test file
  db.on('error', () => undefined);

  return {
    app,
    db,
    database,
    config,
    topic: (name) => `${prefix}${name}`,
    // ConsumerHost prefixes group ids like topics, so isolated runs never join the real groups
    group: (handler) => `${prefix}${config.service}.${handler}`,
    token: (role, sub = `${role}-1`) => signDevToken({ sub, role, secret: jwtSecret }),
    startAnotherInstance: async () => {
      const other = await start();
      others.push(other);
      return other;
    },
    close: async () => {
      for (const other of others) await other.close();
      await app.close();
      await db.end();
      await database.drop();
    },
  };
}
