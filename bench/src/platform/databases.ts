import { Pool } from 'pg';
import { BenchEnv, databaseUrl, SERVICES, ServiceName } from '../config/env';

/** Read-only access to the services' databases: outbox sampling and the post-run invariant checks. */
export class Databases {
  private readonly pools = new Map<ServiceName, Pool>();

  constructor(env: BenchEnv) {
    for (const s of SERVICES) {
      const pool = new Pool({ connectionString: databaseUrl(env, s), max: 2, application_name: 'saga-bench' });
      // An idle client's error (PostgreSQL restarted) is an 'error' event; unhandled it would end the process.
      pool.on('error', () => undefined);
      this.pools.set(s, pool);
    }
  }

  async query<R extends Record<string, unknown>>(
    service: ServiceName,
    sql: string,
    params: unknown[] = [],
  ): Promise<R[]> {
    const result = await this.pools.get(service)!.query(sql, params);
    return result.rows as R[];
  }

  async close(): Promise<void> {
    await Promise.all([...this.pools.values()].map((p) => p.end()));
  }
}
