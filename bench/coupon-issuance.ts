/**
 * First-come-first-served issuance benchmark against a running coupon service (not a test).
 *
 *   pnpm exec tsx bench/coupon-issuance.ts            # env: COUPON_URL, AUTH_JWT_SECRET,
 *   BENCH_REQUESTS=5000 BENCH_USERS=2000 BENCH_QUANTITY=1000 BENCH_CONCURRENCY=100 pnpm exec tsx bench/coupon-issuance.ts
 *
 * Reports accepted requests/s during the burst (every request answered 201 issued, 202 accepted by versions
 * that issued asynchronously, or 409) and, for each accepted request, the latency from sending the request
 * to the issuer's `issued_at` in coupon_db (same machine clock; read with one query per 100 ms, so
 * observing adds no load on the service).
 */
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import jwt from 'jsonwebtoken';
import { z } from 'zod';

const Env = z.object({
  COUPON_URL: z.url().default('http://127.0.0.1:3003'),
  AUTH_JWT_SECRET: z.string().min(16).default('dev-only-insecure-secret-change-me'),
  BENCH_REQUESTS: z.coerce.number().int().positive().default(5000),
  BENCH_USERS: z.coerce.number().int().positive().default(2000),
  BENCH_QUANTITY: z.coerce.number().int().positive().default(1000),
  BENCH_CONCURRENCY: z.coerce.number().int().positive().default(100),
  /** Where ISSUED is observed: the issuer's own timestamp, so the benchmark adds no polling load. */
  COUPON_DATABASE_URL: z.string().default('postgresql://saga:saga@127.0.0.1:5433/coupon_db'),
  BENCH_DRAIN_TIMEOUT_MS: z.coerce.number().int().positive().default(120_000),
});

const env = Env.parse(process.env);
const token = (sub: string, role: 'customer' | 'admin') =>
  jwt.sign({ role }, env.AUTH_JWT_SECRET, { algorithm: 'HS256', subject: sub, expiresIn: '1h' });

async function call(method: string, path: string, bearer: string, body?: unknown) {
  const response = await fetch(`${env.COUPON_URL}${path}`, {
    method,
    headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Polls the issuer's table (one query per round, not one request per user) until every accepted request is issued. */
async function waitForIssued(couponId: string, expected: number): Promise<{ userId: string; issuedAt: number }[]> {
  const db = new Client({ connectionString: env.COUPON_DATABASE_URL });
  await db.connect();
  try {
    const deadline = Date.now() + env.BENCH_DRAIN_TIMEOUT_MS;
    for (;;) {
      const { rows } = await db.query<{ user_id: string; issued_at: Date }>(
        'SELECT user_id, issued_at FROM user_coupon WHERE coupon_id = $1',
        [couponId],
      );
      if (rows.length >= expected || Date.now() > deadline) {
        return rows.map((row) => ({ userId: row.user_id, issuedAt: row.issued_at.getTime() }));
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    await db.end();
  }
}

async function main(): Promise<void> {
  const couponId = `bench-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
  const created = await call('POST', '/coupons', token('bench-admin', 'admin'), {
    id: couponId,
    name: 'benchmark',
    discountType: 'FIXED',
    discountValue: 1000,
    totalQuantity: env.BENCH_QUANTITY,
  });
  if (created.status !== 201)
    throw new Error(`creating the coupon failed: ${created.status} ${JSON.stringify(created.body)}`);

  const users = Array.from({ length: env.BENCH_REQUESTS }, (_, i) => `bench-user-${i % env.BENCH_USERS}`);
  const tokens = new Map(users.map((u) => [u, token(u, 'customer')]));
  const statusCounts: Record<string, number> = {};
  const acceptedAt = new Map<string, number>();
  let next = 0;

  const started = Date.now();
  await Promise.all(
    Array.from({ length: env.BENCH_CONCURRENCY }, async () => {
      while (next < users.length) {
        const userId = users[next++];
        const sentAt = Date.now();
        const { status, body } = await call('POST', `/coupons/${couponId}/issue`, tokens.get(userId)!);
        const key = status === 409 ? `409 ${body.error}` : String(status);
        statusCounts[key] = (statusCounts[key] ?? 0) + 1;
        if (status === 201 || status === 202) acceptedAt.set(userId, sentAt);
      }
    }),
  );
  const burstSeconds = (Date.now() - started) / 1000;
  const issued = await waitForIssued(couponId, acceptedAt.size);
  const drainedSeconds = (Math.max(started, ...issued.map((row) => row.issuedAt)) - started) / 1000;
  const timings = issued
    .filter((row) => acceptedAt.has(row.userId))
    .map((row) => ({
      sentMs: acceptedAt.get(row.userId)! - started,
      latencyMs: row.issuedAt - acceptedAt.get(row.userId)!,
    }));
  const issuedLatencies = timings.map((timing) => timing.latencyMs);
  const slowest = [...timings].sort((a, b) => b.latencyMs - a.latencyMs).slice(0, 5);
  const accepted = (statusCounts['201'] ?? 0) + (statusCounts['202'] ?? 0);
  issuedLatencies.sort((a, b) => a - b);

  console.log(
    JSON.stringify(
      {
        couponId,
        requests: env.BENCH_REQUESTS,
        users: env.BENCH_USERS,
        quantity: env.BENCH_QUANTITY,
        concurrency: env.BENCH_CONCURRENCY,
        responses: statusCounts,
        burstSeconds: Number(burstSeconds.toFixed(2)),
        answeredPerSecond: Math.round(env.BENCH_REQUESTS / burstSeconds),
        acceptedPerSecond: Math.round(accepted / burstSeconds),
        issuedPerSecond: Math.round(issuedLatencies.length / drainedSeconds),
        issued: issuedLatencies.length,
        requestToIssuedMs: {
          p50: Math.round(percentile(issuedLatencies, 50)),
          p99: Math.round(percentile(issuedLatencies, 99)),
          max: Math.round(issuedLatencies[issuedLatencies.length - 1] ?? NaN),
        },
        /** When the slowest requests were sent (ms after the burst started): a cold start, or spread out. */
        slowest,
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
