import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { deadLetterTopicOf, Topics } from '@saga/contracts';
import type { ServiceRuntimeConfig } from '@saga/service-runtime';
import { createLogger, createServiceApp, signDevToken } from '@saga/service-kit';
import { createTestDatabase, createTopics, currentEndpoints, uniqueId, type TestDatabase } from '@saga/test-harness';
import { Pool } from 'pg';
import { EventInjector } from '../../../libs/test-harness/src/saga-suite';
import { AppModule } from '../src/app.module';
import type { ExplorerSettings } from '../src/explorer-settings';

const JWT_SECRET = 'explorer-integration-test-secret';
export const JAEGER_UI_URL = 'http://jaeger.test:16686';

/**
 * The explorer in-process against the real PostgreSQL and Kafka: a fresh database, every catalog topic (and its
 * DLQ) behind a unique prefix, a unique service name (consumer groups), and an injector publishing on those topics.
 */
export interface ExplorerTestEnv {
  app: INestApplication;
  db: Pool;
  database: TestDatabase;
  config: ServiceRuntimeConfig;
  injector: EventInjector;
  url: string;
  topic(name: string): string;
  /** Stops the app, runs `between` (the app down), and starts a new one on the same database, topics and groups. */
  restart(between: () => Promise<void>): Promise<void>;
  token(role: 'admin' | 'customer', sub?: string): string;
  close(): Promise<void>;
}

export async function startExplorerTestEnv(
  settings: Partial<ExplorerSettings> = {},
  { listen = false }: { listen?: boolean } = {},
): Promise<ExplorerTestEnv> {
  const endpoints = currentEndpoints();
  const database = await createTestDatabase(join(__dirname, '..', 'prisma', 'migrations'));
  const prefix = `${uniqueId('ex')}.`;
  const topics = Object.values(Topics).flatMap((t) => [`${prefix}${t}`, `${prefix}${deadLetterTopicOf(t)}`]);
  await createTopics(topics, { partitions: 3 });

  const config: ServiceRuntimeConfig = {
    service: uniqueId('explorer'),
    databaseUrl: database.url,
    databasePoolSize: 10,
    kafkaBrokers: endpoints.kafkaBrokers,
    jwtSecret: JWT_SECRET,
    logLevel: 'silent',
    retry: { maxAttempts: 3, initialDelayMs: 50, maxDelayMs: 200 },
    partitionsConsumedConcurrently: 3,
    commitIntervalMs: 100,
    consumersEnabled: true,
    outbox: { notify: true, pollIntervalMs: 200, batchSize: 100, lingerMs: 0, retentionHours: 72 },
    topicPrefix: prefix,
  };
  const fullSettings = { sagaTimeoutMs: 30_000, jaegerUiUrl: JAEGER_UI_URL, ...settings };
  const start = async () => {
    const app = await createServiceApp({
      module: AppModule.forRoot(config, fullSettings),
      service: 'explorer',
      logger: createLogger({ service: 'explorer', level: 'silent' }),
    });
    if (listen) await app.listen(0, '127.0.0.1');
    else await app.init();
    return app;
  };
  let app = await start();
  const address = listen ? (app.getHttpServer().address() as { port: number }) : null;
  const db = new Pool({ connectionString: database.url, max: 4 });
  db.on('error', () => undefined);
  const injector = await EventInjector.connect({ brokers: endpoints.kafkaBrokers, topicPrefix: prefix });

  return {
    get app() {
      return app;
    },
    db,
    database,
    config,
    injector,
    url: address ? `http://127.0.0.1:${address.port}` : '',
    topic: (name) => `${prefix}${name}`,
    restart: async (between) => {
      await app.close();
      await between();
      app = await start();
    },
    token: (role, sub = `${role}-1`) => signDevToken({ sub, role, secret: JWT_SECRET }),
    close: async () => {
      await injector.disconnect();
      await app.close();
      await db.end();
      await database.drop();
    },
  };
}
