import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { TOPIC_CATALOG } from '@saga/contracts';
import {
  createTestDatabase,
  createTopics,
  freePort,
  spawnService,
  SpawnedService,
  TestDatabase,
  uniqueId,
} from '@saga/test-harness';
import { CheckoutBody, OrderView, SagaApi, ServiceUrls } from '../../support/api-client';
import { SERVICES } from '../../support/platform';
import { SUITE_JWT_SECRET } from '../../support/config';
import { waitFor } from '../../support/wait';

const repoRoot = join(__dirname, '..', '..', '..');

/**
 * The four services as real processes on fresh databases, with tracing switched on or off. Each run gets
 * its own DEPLOYMENT_ENVIRONMENT (to tell its traces apart in the shared Jaeger) and its own Kafka topics and
 * consumer groups (KAFKA_TOPIC_PREFIX), so other platforms on the shared Kafka never consume its events.
 */
export class TracedPlatform {
  /** A harness id, so `pnpm infra prune-tests` knows its topics and groups as a test's leftovers. */
  readonly environment = uniqueId('trace-test');
  readonly topicPrefix = `${this.environment}.`;
  private readonly running: SpawnedService[] = [];
  private readonly databases: TestDatabase[] = [];
  private seq = 0;
  private readonly urls: ServiceUrls = {};
  api!: SagaApi;

  /** `env`: more service environment, e.g. TRACING_DETAIL. */
  static async start(opts: { tracing: boolean; env?: Record<string, string> }): Promise<TracedPlatform> {
    const platform = new TracedPlatform();
    try {
      await platform.boot(opts.tracing, opts.env ?? {});
    } catch (error) {
      await platform.stop();
      throw error;
    }
    return platform;
  }

  private async boot(tracing: boolean, env: Record<string, string>): Promise<void> {
    const urls = this.urls;
    await createTopics(
      TOPIC_CATALOG.map((t) => `${this.topicPrefix}${t.name}`),
      { partitions: 3 },
    );
    for (const service of SERVICES) {
      const db = await createTestDatabase(join(repoRoot, 'services', service, 'prisma', 'migrations'));
      this.databases.push(db);
      const port = await freePort();
      urls[service] = `http://127.0.0.1:${port}`;
      // one at a time: four Nest apps booting at once on two cores are each slower to become ready
      this.running.push(
        await spawnService(
          service,
          {
            PORT: String(port),
            DATABASE_URL: db.url,
            AUTH_JWT_SECRET: SUITE_JWT_SECRET,
            TRACING_ENABLED: String(tracing),
            DEPLOYMENT_ENVIRONMENT: this.environment,
            KAFKA_TOPIC_PREFIX: this.topicPrefix,
            ...env,
          },
          { readyTimeoutMs: 120_000 },
        ),
      );
    }
    this.api = new SagaApi(urls, SUITE_JWT_SECRET);
  }

  id(kind: string): string {
    this.seq += 1;
    return `${kind}-${this.environment}-${this.seq}`;
  }

  async product(price: number, stock: number): Promise<string> {
    const id = this.id('p');
    await this.api.createProduct({ id, name: `product ${id}`, price, stock });
    return id;
  }

  async user(balance: number): Promise<string> {
    const id = this.id('u');
    await this.api.createUser({ id, name: `user ${id}`, balance });
    return id;
  }

  async coupon(owner: string, discountValue: number): Promise<string> {
    const id = this.id('c');
    await this.api.createCoupon({ id, name: `coupon ${id}`, discountType: 'FIXED', discountValue, totalQuantity: 1 });
    await this.api.grantCoupon(id, owner);
    return id;
  }

  /**
   * POST /orders until accepted (order's price replica may not know a just-created product yet: 422).
   * Returns the order id and the trace id from the `traceparent` response header.
   */
  async checkout(userId: string, body: CheckoutBody): Promise<{ orderId: string; traceId: string | undefined }> {
    const key = randomUUID();
    const result = await waitFor(
      'checkout accepted',
      async () => {
        const headers = {
          'Idempotency-Key': key,
          'content-type': 'application/json',
          authorization: `Bearer ${this.api.tokenFor(userId)}`,
        };
        const response = await fetch(`${this.urls.order}/orders`, {
          method: 'POST',
          headers,
          body: JSON.stringify(body),
        });
        return {
          status: response.status,
          body: (await response.json()) as { orderId: string },
          traceparent: response.headers.get('traceparent'),
        };
      },
      (r) => r.status !== 422,
      { timeoutMs: 90_000, intervalMs: 300 },
    );
    if (result.status !== 202) throw new Error(`checkout refused: ${result.status} ${JSON.stringify(result.body)}`);
    return { orderId: result.body.orderId, traceId: result.traceparent?.split('-')[1] };
  }

  settle(orderId: string, userId: string, { timeoutMs = 60_000, intervalMs = 100 } = {}): Promise<OrderView> {
    return waitFor(
      `order ${orderId} terminal`,
      () => this.api.getOrder(orderId, userId),
      (o) => o.status === 'COMPLETED' || o.status === 'CANCELLED',
      { timeoutMs, intervalMs },
    );
  }

  /** The running service processes and their databases, in SERVICES order (for measurements). */
  services(): { name: string; pid: number; databaseUrl: string }[] {
    return this.running.map((s, i) => ({ name: s.name, pid: s.pid, databaseUrl: this.databases[i]!.url }));
  }

  logFiles(): string[] {
    return this.running.map((s) => s.logFile);
  }

  async stop(): Promise<void> {
    // graceful: the services flush their last spans on SIGTERM
    await Promise.all(this.running.map((s) => s.stop()));
    this.running.length = 0;
    await Promise.all(this.databases.map((db) => db.drop()));
  }
}
