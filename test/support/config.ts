/**
 * Where the suite finds the shared infrastructure. The dev endpoints from docs/internal-apis.md are the
 * defaults; the environment may override them (CI, another runner). Read once, here.
 */
export interface SuiteConfig {
  kafkaBrokers: string[];
  postgresAdminUrl: string;
  redisUrl: string;
  jwtSecret: string;
}

const env = process.env;

export const suiteConfig: SuiteConfig = {
  kafkaBrokers: (env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',').map((b) => b.trim()),
  postgresAdminUrl: env.POSTGRES_ADMIN_URL ?? 'postgresql://saga:saga@127.0.0.1:5433/postgres',
  redisUrl: env.REDIS_URL ?? 'redis://127.0.0.1:6380',
  jwtSecret: env.AUTH_JWT_SECRET ?? 'dev-only-insecure-secret-change-me',
};

/**
 * A Redis logical database of the suite's own, so flushing it mid-saga cannot disturb anybody else
 * sharing the dev Redis (FLUSHALL would).
 */
export function redisUrlWithDatabase(baseUrl: string, database: number): string {
  const url = new URL(baseUrl);
  url.pathname = `/${database}`;
  return url.toString();
}
