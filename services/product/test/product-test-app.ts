import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { deadLetterTopicOf, Topics } from '@saga/contracts';
import type { ParticipantConfig } from '@saga/participant';
import { createLogger, createServiceApp, signDevToken } from '@saga/service-kit';
import { createTestDatabase, createTopics, currentEndpoints, uniqueId, type TestDatabase } from '@saga/test-harness';
import { Pool } from 'pg';
import { AppModule } from '../src/app.module';

const JWT_SECRET = 'product-integration-test-secret';

/**
 * The product service in-process against the real PostgreSQL and Kafka: a fresh database, and every topic
 * behind a unique prefix with a unique service name (consumer groups), so runs never see each other's events.
 */
export interface ProductTestEnv {
  app: INestApplication;
  db: Pool;
  database: TestDatabase;
  config: ParticipantConfig;
  topic(name: string): string;
  group(handler: string): string;
  token(role: 'admin' | 'customer', sub?: string): string;
  /** One more instance on the same database, topics and consumer groups (closed by close()). */
  startAnotherInstance(): Promise<INestApplication>;
  close(): Promise<void>;
}

export async function startProductTestEnv(overrides: Partial<ParticipantConfig> = {}): Promise<ProductTestEnv> {
  const endpoints = currentEndpoints();
  const database = await createTestDatabase(join(__dirname, '..', 'prisma', 'migrations'));
  const prefix = `${uniqueId('pt')}.`;
  const topics = Object.values(Topics).flatMap((t) => [`${prefix}${t}`, `${prefix}${deadLetterTopicOf(t)}`]);
  await createTopics(topics, { partitions: 3 });

  const config: ParticipantConfig = {
    service: uniqueId('product'),
    databaseUrl: database.url,
    databasePoolSize: 10,
    kafkaBrokers: endpoints.kafkaBrokers,
    jwtSecret: JWT_SECRET,
    logLevel: 'silent',
    retry: { maxAttempts: 3, initialDelayMs: 50, maxDelayMs: 200 },
    partitionsConsumedConcurrently: 3,
    commitIntervalMs: 100,
    maxBatchSize: 50,
    consumersEnabled: true,
    outbox: { notify: true, pollIntervalMs: 200, batchSize: 100, lingerMs: 0, retentionHours: 72 },
    topicPrefix: prefix,
    ...overrides,
  };
  const app = await startProductApp(config);
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
    token: (role, sub = `${role}-1`) => signDevToken({ sub, role, secret: JWT_SECRET }),
    startAnotherInstance: async () => {
      const other = await startProductApp(config);
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

async function startProductApp(config: ParticipantConfig): Promise<INestApplication> {
  const app = await createServiceApp({
    module: AppModule.forRoot(config),
    service: 'product',
    logger: createLogger({ service: 'product', level: 'silent' }),
  });
  await app.init();
  return app;
}
