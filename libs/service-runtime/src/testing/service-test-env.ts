import type { DynamicModule, INestApplication } from '@nestjs/common';
import { deadLetterTopicOf, findEventDefinition, Topics, type Envelope } from '@saga/contracts';
import { createLogger, createServiceApp, signDevToken } from '@saga/service-kit';
import {
  createTestDatabase,
  createTopics,
  currentEndpoints,
  readAll,
  testKafka,
  uniqueId,
  waitFor,
  type TestDatabase,
} from '@saga/test-harness';
import type { Producer } from 'kafkajs';
import { Pool } from 'pg';
import type { ServiceRuntimeConfig } from '../config/service-runtime-config';
import { ServiceConsumers } from '../messaging/service-consumers';

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
  /** Publishes an event to its (prefixed) catalog topic, keyed like the relay keys it. */
  publish(event: Envelope): Promise<void>;
  /** Publishes any value (e.g. an invalid event) to a (catalog) topic. */
  publishRaw(topic: string, key: string, value: string): Promise<void>;
  /** Resolves once the handler's consumer group recorded the event in its inbox (processed or duplicate). */
  processed(handler: string, eventId: string): Promise<unknown>;
  /** The events on a (catalog) topic keyed by orderId, oldest first. */
  publishedOn(topic: string, orderId: string): Promise<Envelope[]>;
  /** Waits for the first event on a (catalog) topic for orderId. */
  firstOn(topic: string, orderId: string): Promise<Envelope>;
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
    databasePreparedStatements: true,
    kafkaBrokers: endpoints.kafkaBrokers,
    jwtSecret,
    logLevel: 'silent',
    retry: { maxAttempts: 3, initialDelayMs: 50, maxDelayMs: 200 },
    partitionsConsumedConcurrently: 3,
    commitIntervalMs: 100,
    maxBatchSize: 50,
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
    // consumers join in the background; the tests inject events right away
    await app.get(ServiceConsumers).joined();
    return app;
  };
  const app = await start();
  const others: INestApplication[] = [];
  const db = new Pool({ connectionString: database.url, max: 4 });
  // pool.end() resolves before its clients finished closing; the database drop (WITH FORCE) that follows
  // can then terminate one, and an 'error' on a pool without a listener would crash the next test file
  db.on('error', () => undefined);
  let producer: Promise<Producer> | null = null;
  const topic = (name: string) => `${prefix}${name}`;
  const group = (handler: string) => `${prefix}${config.service}.${handler}`;
  const send = async (name: string, key: string, value: string) => {
    // one producer, connected once even when the first sends run concurrently
    producer ??= (async () => {
      const created = testKafka().producer();
      await created.connect();
      return created;
    })();
    await (await producer).send({ topic: topic(name), messages: [{ key, value }] });
  };
  const publishedOn = async (name: string, orderId: string) =>
    (await readAll(topic(name))).filter((m) => m.key === orderId).map((m) => JSON.parse(m.value!) as Envelope);

  return {
    app,
    db,
    database,
    config,
    topic,
    // ConsumerHost prefixes group ids like topics, so isolated runs never join the real groups
    group,
    token: (role, sub = `${role}-1`) => signDevToken({ sub, role, secret: jwtSecret }),
    startAnotherInstance: async () => {
      const other = await start();
      others.push(other);
      return other;
    },
    publish: (event) => {
      const definition = findEventDefinition(event.type, event.version)!;
      return send(definition.topic, definition.keyOf(event as never), JSON.stringify(event));
    },
    publishRaw: send,
    processed: (handler, eventId) =>
      waitFor(
        async () =>
          (
            await db.query('SELECT 1 FROM processed_message WHERE consumer_group = $1 AND event_id = $2', [
              group(handler),
              eventId,
            ])
          ).rowCount,
        { description: `${handler} processed ${eventId}` },
      ),
    publishedOn,
    firstOn: (name, orderId) =>
      waitFor(async () => (await publishedOn(name, orderId))[0], { description: `event on ${name} for ${orderId}` }),
    close: async () => {
      await (await producer)?.disconnect();
      for (const other of others) await other.close();
      await app.close();
      await db.end();
      await database.drop();
    },
  };
}
