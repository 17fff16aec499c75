/**
 * How soon a product created through the product API is orderable: present in the order service's
 * price replica (`product_price` in order_db, fed by `product.catalog`). A benchmark, not a test.
 *
 *   pnpm exec tsx bench/price-replica.ts     # env: PRODUCT_URL, ORDER_DATABASE_URL, AUTH_JWT_SECRET
 *   BENCH_PRODUCTS=100 BENCH_GAP_MS=50 pnpm exec tsx bench/price-replica.ts
 *
 * Creates the products one after another (BENCH_GAP_MS apart, so each is a lone event like an admin's
 * create, not a backlog) and reports, per product, the time from the 201 to the row appearing in the
 * replica. The replica is read every BENCH_POLL_MS on one connection: a read costs the order service nothing.
 */
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import jwt from 'jsonwebtoken';
import { z } from 'zod';

const Env = z.object({
  PRODUCT_URL: z.url().default('http://127.0.0.1:3002'),
  ORDER_DATABASE_URL: z.string().default('postgresql://saga:saga@127.0.0.1:5433/order_db'),
  AUTH_JWT_SECRET: z.string().min(16).default('dev-only-insecure-secret-change-me'),
  BENCH_PRODUCTS: z.coerce.number().int().positive().default(100),
  BENCH_GAP_MS: z.coerce.number().int().min(0).default(50),
  BENCH_POLL_MS: z.coerce.number().int().positive().default(2),
  BENCH_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
});

const env = Env.parse(process.env);
const adminToken = jwt.sign({ role: 'admin' }, env.AUTH_JWT_SECRET, {
  algorithm: 'HS256',
  subject: 'bench-admin',
  expiresIn: '1h',
});
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function createProduct(id: string): Promise<void> {
  const response = await fetch(`${env.PRODUCT_URL}/products`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ id, name: `replica bench ${id}`, price: 1000, stock: 10 }),
  });
  if (response.status !== 201) throw new Error(`creating ${id} failed: ${response.status} ${await response.text()}`);
}

async function waitForReplica(db: Client, id: string): Promise<number | null> {
  const deadline = Date.now() + env.BENCH_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const { rowCount } = await db.query('SELECT 1 FROM product_price WHERE product_id = $1', [id]);
    if (rowCount) return Date.now();
    await sleep(env.BENCH_POLL_MS);
  }
  return null;
}

async function main(): Promise<void> {
  const db = new Client({ connectionString: env.ORDER_DATABASE_URL });
  await db.connect();
  const run = `replica-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
  const latencies: number[] = [];
  let missing = 0;
  try {
    for (let i = 0; i < env.BENCH_PRODUCTS; i++) {
      const id = `${run}-${i}`;
      await createProduct(id);
      const created = Date.now();
      const present = await waitForReplica(db, id);
      if (present === null) missing++;
      else latencies.push(present - created);
      await sleep(env.BENCH_GAP_MS);
    }
  } finally {
    await db.end();
  }
  latencies.sort((a, b) => a - b);
  console.log(
    JSON.stringify(
      {
        run,
        products: env.BENCH_PRODUCTS,
        gapMs: env.BENCH_GAP_MS,
        missingAfterTimeout: missing,
        createdToReplicaMs: {
          p50: percentile(latencies, 50),
          p90: percentile(latencies, 90),
          p99: percentile(latencies, 99),
          max: latencies[latencies.length - 1] ?? null,
          over250: latencies.filter((ms) => ms > 250).length,
        },
      },
      null,
      2,
    ),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
