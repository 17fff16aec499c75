import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { deadLetterTopicOf, Topics } from '@saga/contracts';
import type { ParticipantConfig } from '@saga/participant';
import { createLogger, createServiceApp, signDevToken } from '@saga/service-kit';
import { createTestDatabase, createTopics, currentEndpoints, uniqueId, type TestDatabase } from '@saga/test-harness';
import { Pool } from 'pg';
import { AppModule } from '../src/app.module';

const JWT_SECRET = 'user-integration-test-secret';

/**
 * The user service in-process against the real PostgreSQL and Kafka: a fresh database, and every topic
 * behind a unique prefix with a unique service name (consumer groups), so runs never see each other's events.
 */
export interface UserTestEnv {
  app: INestApplication;
  db: Pool;
  database: TestDatabase;
  config: ParticipantConfig;
  topic(name: string): string;
  group(handler: string): string;
  token(role: 'admin' | 'customer', sub?: string): string;
  close(): Promise<void>;
}

export async function startUserTestEnv(overrides: Partial<ParticipantConfig> = {}): Promise<UserTestEnv> {
  const endpoints = currentEndpoints();
  const database = await createTestDatabase(join(__dirname, '..', 'prisma', 'migrations'));
  const prefix = `${uniqueId('ut')}.`;
  const topics = Object.values(Topics).flatMap((t) => [`${prefix}${t}`, `${prefix}${deadLetterTopicOf(t)}`]);
  await createTopics(topics, { partitions: 3 });

  const config: ParticipantConfig = {
    service: uniqueId('user'),
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
  const app = await createServiceApp({
    module: AppModule.forRoot(config),
    service: 'user',
    logger: createLogger({ service: 'user', level: 'silent' }),
  });
  await app.init();
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
    close: async () => {
      await app.close();
      await db.end();
      await database.drop();
    },
  };
}
