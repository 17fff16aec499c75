import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Topics, deadLetterTopicOf } from '@saga/contracts';
import { configureServiceApp, createLogger, signDevToken, DEV_JWT_SECRET } from '@saga/service-kit';
import { createTestDatabase, createTopics, currentEndpoints, TestDatabase, uniqueId } from '@saga/test-harness';
import { ServiceConsumers, serviceRuntimeConfigFromEnv } from '@saga/service-runtime';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import { AppModule } from '../src/app.module';
import { USER_COUPONS } from '../src/application/ports/tokens';
import { GrantOutcome, IssueGrant } from '../src/application/ports';
import { CouponEnv } from '../src/infrastructure/config/env';
import { SqlUserCouponRepository } from '../src/infrastructure/persistence/sql-user-coupon-repository';

/** Coupon tests use their own Redis logical database so FLUSHDB never touches other suites. */
export const COUPON_TEST_REDIS_DB = 7;

/** The real repository, with a test-only switch that makes grants for chosen users fail (a DB outage). */
export class FaultInjectingUserCoupons extends SqlUserCouponRepository {
  readonly failingUsers = new Set<string>();
  override async grant(
    tx: Parameters<SqlUserCouponRepository['grant']>[0],
    couponId: string,
    userId: string,
  ): Promise<GrantOutcome> {
    if (this.failingUsers.has(userId)) throw new Error(`injected failure for ${userId}`);
    return super.grant(tx, couponId, userId);
  }

  override async issue(
    tx: Parameters<SqlUserCouponRepository['issue']>[0],
    couponId: string,
    userId: string,
  ): Promise<IssueGrant> {
    if (this.failingUsers.has(userId)) throw new Error(`injected failure for ${userId}`);
    return super.issue(tx, couponId, userId);
  }
}

export interface CouponTestApp {
  app: INestApplication;
  baseUrl: string;
  db: TestDatabase;
  sql: Client;
  redis: Redis;
  topicPrefix: string;
  faults: FaultInjectingUserCoupons;
  token(userId: string, role?: 'customer' | 'admin'): string;
  close(): Promise<void>;
}

export async function startCouponApp(): Promise<CouponTestApp> {
  const endpoints = currentEndpoints();
  const db = await createTestDatabase(join(__dirname, '..', 'prisma', 'migrations'));
  const topicPrefix = `${uniqueId('coupon')}.`;
  const consumed = [
    Topics.OrderProcessing,
    Topics.OrderProcessingFail,
    Topics.OrderPaymentFail,
    Topics.CouponIssueRequested,
  ];
  const produced = [Topics.OrderProcessingCouponSuccess, Topics.CouponIssued];
  await createTopics(
    [...consumed.flatMap((t) => [t, deadLetterTopicOf(t)]), ...produced].map((t) => topicPrefix + t),
    { partitions: 3 },
  );
  const redisUrl = `${endpoints.redisUrl.replace(/\/\d*$/, '')}/${COUPON_TEST_REDIS_DB}`;
  const env = CouponEnv.parse({
    NODE_ENV: 'test',
    LOG_LEVEL: 'error',
    DATABASE_URL: db.url,
    DATABASE_POOL_SIZE: '20',
    KAFKA_BROKERS: endpoints.kafkaBrokers.join(','),
    REDIS_URL: redisUrl,
    TRACING_ENABLED: 'false',
    CONSUMER_MAX_ATTEMPTS: '3',
    CONSUMER_RETRY_INITIAL_MS: '50',
    CONSUMER_RETRY_MAX_MS: '200',
    CONSUMER_PARTITIONS_CONCURRENTLY: '3',
    OUTBOX_POLL_INTERVAL_MS: '200',
  });
  const logger = createLogger({ service: 'coupon', level: env.LOG_LEVEL });
  const faults = new FaultInjectingUserCoupons();
  const config = { ...serviceRuntimeConfigFromEnv('coupon', env, { redis: { maxRetriesPerRequest: 2 } }), topicPrefix };
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config)] })
    .overrideProvider(USER_COUPONS)
    .useValue(faults)
    .compile();
  const app = moduleRef.createNestApplication({ logger: false, bodyParser: false });
  configureServiceApp(app, { logger, service: 'coupon' });
  app.enableShutdownHooks = () => app; // jest owns the process
  await app.listen(0, '127.0.0.1');
  // consumers join in the background; the tests inject events right away
  await app.get(ServiceConsumers).joined();
  const address = app.getHttpServer().address() as { port: number };
  const sql = new Client({ connectionString: db.url });
  await sql.connect();
  const redis = new Redis(redisUrl);
  const tokens = new Map<string, string>();
  return {
    app,
    baseUrl: `http://127.0.0.1:${address.port}`,
    db,
    sql,
    redis,
    topicPrefix,
    faults,
    token: (userId, role = 'customer') => {
      const key = `${role}:${userId}`;
      let token = tokens.get(key);
      if (!token) tokens.set(key, (token = signDevToken({ sub: userId, role, secret: DEV_JWT_SECRET })));
      return token;
    },
    async close() {
      await app.close();
      await sql.end();
      redis.disconnect();
      await db.drop();
    },
  };
}

export interface HttpResult {
  status: number;
  body: any;
}

export async function call(
  t: CouponTestApp,
  method: string,
  path: string,
  token: string,
  body?: unknown,
): Promise<HttpResult> {
  const response = await fetch(`${t.baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

/** Runs the tasks with at most `limit` in flight (a burst that does not exhaust sockets on 2 cores). */
export async function withConcurrency<T>(limit: number, tasks: (() => Promise<T>)[]): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, tasks.length) }, async () => {
      while (next < tasks.length) {
        const index = next++;
        results[index] = await tasks[index]();
      }
    }),
  );
  return results;
}

export async function createCoupon(
  t: CouponTestApp,
  totalQuantity: number,
  extra: Record<string, unknown> = {},
): Promise<string> {
  const id = uniqueId('cpn');
  const created = await call(t, 'POST', '/coupons', t.token('admin-1', 'admin'), {
    id,
    name: `coupon ${id}`,
    discountType: 'FIXED',
    discountValue: 1000,
    totalQuantity,
    ...extra,
  });
  if (created.status !== 201)
    throw new Error(`create coupon failed: ${created.status} ${JSON.stringify(created.body)}`);
  return id;
}

export async function requestCounts(t: CouponTestApp, couponId: string): Promise<Record<string, number>> {
  const { rows } = await t.sql.query<{ status: string; n: number }>(
    `SELECT status::text AS status, count(*)::int AS n FROM coupon_issue_request WHERE coupon_id = $1 GROUP BY status`,
    [couponId],
  );
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

export async function holdings(
  t: CouponTestApp,
  couponId: string,
): Promise<{ holders: number; distinct: number; issuedCount: number }> {
  const { rows } = await t.sql.query(
    `SELECT (SELECT count(*)::int FROM user_coupon WHERE coupon_id = $1) AS holders,
            (SELECT count(DISTINCT user_id)::int FROM user_coupon WHERE coupon_id = $1) AS distinct,
            (SELECT issued_count FROM coupon WHERE id = $1) AS "issuedCount"`,
    [couponId],
  );
  return rows[0];
}
