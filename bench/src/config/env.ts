import { z } from 'zod';

/** Where the platform runs. Dev defaults match docs/internal-apis.md; override any of them with env. */
export const BenchEnv = z.object({
  ORDER_URL: z.url().default('http://127.0.0.1:3001'),
  PRODUCT_URL: z.url().default('http://127.0.0.1:3002'),
  COUPON_URL: z.url().default('http://127.0.0.1:3003'),
  USER_URL: z.url().default('http://127.0.0.1:3004'),
  KAFKA_BROKERS: z
    .string()
    .default('127.0.0.1:9092')
    .transform((s) =>
      s
        .split(',')
        .map((b) => b.trim())
        .filter(Boolean),
    ),
  /** Base URL of the PostgreSQL server; the database name of each service is appended. */
  BENCH_PG_URL: z.string().default('postgresql://saga:saga@127.0.0.1:5433'),
  AUTH_JWT_SECRET: z.string().min(16).default('dev-only-insecure-secret-change-me'),
});
export type BenchEnv = z.infer<typeof BenchEnv>;

export const SERVICES = ['order', 'product', 'coupon', 'user'] as const;
export type ServiceName = (typeof SERVICES)[number];

export function loadBenchEnv(source: NodeJS.ProcessEnv = process.env): BenchEnv {
  const parsed = BenchEnv.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`invalid bench environment:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

export function databaseUrl(env: BenchEnv, service: ServiceName): string {
  return `${env.BENCH_PG_URL.replace(/\/+$/, '')}/${service}_db`;
}
