import { z } from 'zod';
import { serviceList } from '@saga/contracts';

/** The saga's services from services.json, the one list of services (names, ports, databases). */
const SAGA_SERVICES = serviceList().filter((s) => s.saga);
const entry = (name: string) => {
  const found = SAGA_SERVICES.find((s) => s.name === name);
  if (!found) throw new Error(`services.json has no saga service ${name}`);
  return found;
};
const devUrl = (name: string) => `http://127.0.0.1:${entry(name).port}`;

/** Where the platform runs. Dev defaults from services.json; override any of them with env. */
export const BenchEnv = z.object({
  ORDER_URL: z.url().default(devUrl('order')),
  PRODUCT_URL: z.url().default(devUrl('product')),
  COUPON_URL: z.url().default(devUrl('coupon')),
  USER_URL: z.url().default(devUrl('user')),
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

export const SERVICES: readonly string[] = SAGA_SERVICES.map((s) => s.name);
export type ServiceName = string;

export function loadBenchEnv(source: NodeJS.ProcessEnv = process.env): BenchEnv {
  const parsed = BenchEnv.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`invalid bench environment:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

export function databaseUrl(env: BenchEnv, service: ServiceName): string {
  return `${env.BENCH_PG_URL.replace(/\/+$/, '')}/${entry(service).database}`;
}
