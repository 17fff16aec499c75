/**
 * Runs bench/coupon-issuance.ts or bench/price-replica.ts against services of its own: the built
 * services (`pnpm build` first) on free ports, fresh databases, the topic catalog under a run prefix
 * (own consumer groups) and its own Redis logical database. For a shared machine where the dev stack's
 * ports belong to someone else; everything it created is removed at the end.
 *
 *   pnpm exec tsx bench/isolated.ts coupon-issuance     # BENCH_* env passes through
 *   pnpm exec tsx bench/isolated.ts price-replica
 *   SERVICE_ENV='{"TRACING_ENABLED":"false"}' pnpm exec tsx bench/isolated.ts coupon-issuance
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import {
  createTestDatabase,
  currentEndpoints,
  spawnService,
  SpawnedService,
  TestDatabase,
  uniqueId,
} from '@saga/test-harness';
import { RunTopics } from '@saga/test-harness/dist/saga-suite';

const ROOT = join(__dirname, '..');
const SCENARIOS = {
  'coupon-issuance': {
    services: ['coupon'],
    env: (urls: Urls) => ({ COUPON_URL: urls.coupon.url, COUPON_DATABASE_URL: urls.coupon.db }),
  },
  'price-replica': {
    services: ['product', 'order'],
    env: (urls: Urls) => ({ PRODUCT_URL: urls.product.url, ORDER_DATABASE_URL: urls.order.db }),
  },
} as const;
type Urls = Record<string, { url: string; db: string }>;

async function main(): Promise<void> {
  const name = process.argv[2] as keyof typeof SCENARIOS;
  const scenario = SCENARIOS[name];
  if (!scenario) throw new Error(`usage: isolated.ts ${Object.keys(SCENARIOS).join('|')}`);
  const endpoints = currentEndpoints();
  const prefix = `${uniqueId('bench')}.`;
  const topics = await RunTopics.create({ brokers: endpoints.kafkaBrokers, prefix });
  const databases: TestDatabase[] = [];
  const running: SpawnedService[] = [];
  try {
    const urls: Urls = {};
    for (const service of scenario.services) {
      const db = await createTestDatabase(join(ROOT, 'services', service, 'prisma', 'migrations'));
      databases.push(db);
      const spawned = await spawnService(
        service,
        {
          DATABASE_URL: db.url,
          KAFKA_TOPIC_PREFIX: prefix,
          LOG_LEVEL: 'warn',
          REDIS_URL: `${endpoints.redisUrl.replace(/\/\d*$/, '')}/9`,
          ...(JSON.parse(process.env.SERVICE_ENV ?? '{}') as Record<string, string>),
        },
        // a loaded shared broker can take a while to seat the leaders of a run's fresh topics
        { readyTimeoutMs: 180_000 },
      );
      running.push(spawned);
      urls[service] = { url: spawned.url, db: db.url };
    }
    execFileSync(process.execPath, [require.resolve('tsx/cli'), join(ROOT, 'bench', `${name}.ts`)], {
      env: { ...process.env, ...scenario.env(urls) },
      stdio: 'inherit',
      cwd: ROOT,
    });
  } finally {
    await Promise.all(running.map((service) => service.stop()));
    await Promise.all(databases.map((db) => db.drop()));
    await topics.delete().catch(() => undefined);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
