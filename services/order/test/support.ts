import { join } from 'node:path';
import { Kafka, logLevel, Producer } from 'kafkajs';
import { Client } from 'pg';
import { Envelope, findEventDefinition, Topics } from '@saga/contracts';
import { createLogger } from '@saga/service-kit';
import { createTestDatabase, createTopics, currentEndpoints, TestDatabase, uniqueId } from '@saga/test-harness';
import { loadOrderEnv, OrderEnv } from '../src/infrastructure/config/env';
import { OrderContext } from '../src/order-context';

export const MIGRATIONS = join(__dirname, '..', 'prisma', 'migrations');
/** The order service's own logical Redis database in tests, so FLUSHDB never touches anyone else's keys. */
export const TEST_REDIS_DB = 11;

/** One isolated order environment: a fresh database, prefixed topics, unique consumer groups. */
export class OrderTestEnv {
  readonly prefix = `${uniqueId('ord').toLowerCase()}.`;
  readonly groupPrefix = uniqueId('order-test');
  readonly contexts: OrderContext[] = [];
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
      ...overrides,
    });
  }

  /** A service instance; several share the database, topics and consumer groups like N replicas. */
  context(overrides: Record<string, string> = {}): OrderContext {
    const env = this.env(overrides);
    const context = new OrderContext({
      env,
      logger: createLogger({ service: 'order', level: env.LOG_LEVEL }),
      topicPrefix: this.prefix,
      consumerGroupPrefix: this.groupPrefix,
      redisKeyPrefix: `${this.prefix}order:processing:`,
    });
    this.contexts.push(context);
    return context;
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
    await Promise.allSettled(this.contexts.map((c) => c.stop()));
    await this.producer?.disconnect();
    await this.pg?.end();
    await this.db?.drop();
  }
}
