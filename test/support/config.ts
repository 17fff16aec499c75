import { currentEndpoints } from '@saga/test-harness';

/** The dev default of service-kit's AUTH_JWT_SECRET; the suite passes the same value to every service. */
export const SUITE_JWT_SECRET = 'dev-only-insecure-secret-change-me';

/**
 * A Redis logical database of the suite's own, so flushing it mid-saga cannot disturb anybody else
 * sharing the dev Redis (FLUSHALL would).
 */
export function suiteRedisUrl(database: number): string {
  const url = new URL(currentEndpoints().redisUrl);
  url.pathname = `/${database}`;
  return url.toString();
}
