import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { Kafka, logLevel, Producer } from 'kafkajs';
import { Client } from 'pg';
import { Envelope, findEventDefinition, Topics } from '@saga/contracts';
import { createLogger, createServiceApp, DEV_JWT_SECRET } from '@saga/service-kit';
import type { DependencyMonitor } from '@saga/service-kit';
import { DEPENDENCY_MONITOR, REDIS, ServiceConsumers, serviceRuntimeConfigFromEnv } from '@saga/service-runtime';
import { createTestDatabase, createTopics, currentEndpoints, TestDatabase, uniqueId } from '@saga/test-harness';
import type { Redis } from 'ioredis';
import { AppModule } from '../src/app.module';
import { PlaceOrderUseCase } from '../src/application/place-order/place-order.use-case';
import { loadOrderEnv, OrderEnv } from '../src/infrastructure/config/env';

/** One in-process order service instance (HTTP, consumers, relay, deadline scanner) on the test env. */
export class OrderInstance {
  private started: INestApplication | null = null;

  constructor(
    private readonly env: OrderEnv,
    private readonly prefix: string,
  ) {}

  async start(): Promise<INestApplication> {
    const config = { ...serviceRuntimeConfigFromEnv('order', this.env, { redis: true }), topicPrefix: this.prefix };
    const app = await createServiceApp({
      module: AppModule.forRoot(config, { env: this.env, redisKeyPrefix: `${this.prefix}order:processing:` }),
      service: 'order',
      logger: createLogger({ service: 'order', level: 'silent' }),
    });
    await app.init();
    this.started = app;
    return app;
  }

  get app(): INestApplication {
    if (!this.started) throw new Error('order instance not started');
    return this.started;
  }

  get placeOrder(): PlaceOrderUseCase {
    return this.app.get(PlaceOrderUseCase);
  }

  get redis(): Redis {
    return this.app.get<Redis>(REDIS);
  }

  /** Outages the relay and the consumers reported: readiness, and the deadline's outage grace. */
  get monitor(): DependencyMonitor {
    return this.app.get<DependencyMonitor>(DEPENDENCY_MONITOR);
  }

  /** Resolves once every consumer group has joined (consumers join in the background). */
  consumersJoined(): Promise<void> {
    return this.app.get(ServiceConsumers).joined();
  }

  async stop(): Promise<void> {
    await this.started?.close();
    this.started = null;
  }
}

export const MIGRATIONS = join(__dirname, '..', 'prisma', 'migrations');
/** The order service's own logical Redis database in tests, so FLUSHDB never touches anyone else's keys. */
export const TEST_REDIS_DB = 11;

/** One isolated order environment: a fresh database, prefixed topics (and so consumer groups). */
export class OrderTestEnv {
  readonly prefix = `${uniqueId('ord').toLowerCase()}.`;
  readonly instances: OrderInstance[] = [];
  private producer: Producer | null = null;
  pg!: Client;
  db!: TestDatabase;

  async setUp(): Promise<void> {
    this.db = await createTestDatabase(MIGRATIONS);
    this.pg = new Client({ connectionString: this.db.url });
    await this.pg.connect();
    await createTopics(
      Object.values(Topics).flatMap((t) => [this.prefix + t, `${this.prefix}${t}.dlq`]),
      { partitions: 3 },
    );
    const kafka = new Kafka({
      clientId: 'order-test-injector',
      brokers: currentEndpoints().kafkaBrokers,
      logLevel: logLevel.NOTHING,
    });
    this.producer = kafka.producer();
    await this.producer.connect();
  }

  env(overrides: Record<string, string> = {}): OrderEnv {
    const endpoints = currentEndpoints();
    const redis = new URL(endpoints.redisUrl);
    redis.pathname = `/${TEST_REDIS_DB}`;
    return loadOrderEnv({
      DATABASE_URL: this.db.url,
      DATABASE_POOL_SIZE: '5',
      KAFKA_BROKERS: endpoints.kafkaBrokers.join(','),
      REDIS_URL: redis.toString(),
      TRACING_ENABLED: 'false',
      LOG_LEVEL: 'silent',
      OUTBOX_POLL_INTERVAL_MS: '200',
      CONSUMER_RETRY_INITIAL_MS: '50',
      CONSUMER_MAX_ATTEMPTS: '3',
      CONSUMER_PARTITIONS_CONCURRENTLY: '3',
      SAGA_TIMEOUT_MS: '600000',
      AUTH_JWT_SECRET: DEV_JWT_SECRET,
      ...overrides,
    });
  }

  /** A service instance; several share the database, topics and consumer groups like N replicas. */
  instance(overrides: Record<string, string> = {}): OrderInstance {
    const instance = new OrderInstance(this.env(overrides), this.prefix);
    this.instances.push(instance);
    return instance;
  }

  /** The order service's consumer group in this env (ConsumerHost prefixes groups like topics). */
  group(): string {
    return `${this.prefix}order`;
  }

  async inject(envelope: Envelope): Promise<void> {
    const definition = findEventDefinition(envelope.type, envelope.version)!;
    await this.producer!.send({
      topic: this.prefix + definition.topic,
      acks: -1,
      messages: [{ key: definition.keyOf(envelope as never), value: JSON.stringify(envelope) }],
    });
  }

  async injectRaw(topic: string, key: string, value: string): Promise<void> {
    await this.producer!.send({ topic: this.prefix + topic, acks: -1, messages: [{ key, value }] });
  }

  async setPrice(productId: string, price: number): Promise<void> {
    await this.pg.query(
      `INSERT INTO product_price (product_id, name, price, updated_at) VALUES ($1, $1, $2, now())
       ON CONFLICT (product_id) DO UPDATE SET price = EXCLUDED.price`,
      [productId, price],
    );
  }

  async order(orderId: string): Promise<Record<string, any> | undefined> {
    const { rows } = await this.pg.query(`SELECT * FROM "order" WHERE id = $1`, [orderId]);
    return rows[0];
  }

  /** Outbox rows (what this service emitted), optionally for one order and type. */
  async emitted(type: string, orderId?: string): Promise<Envelope[]> {
    const { rows } = await this.pg.query(
      `SELECT envelope FROM outbox_message WHERE event_type = $1 AND ($2::text IS NULL OR envelope->>'orderId' = $2) ORDER BY id`,
      [type, orderId ?? null],
    );
    return rows.map((r) => r.envelope as Envelope);
  }

  async tearDown(): Promise<void> {
    await Promise.allSettled(this.instances.map((instance) => instance.stop()));
    await this.producer?.disconnect();
    await this.pg?.end();
    await this.db?.drop();
  }
}
