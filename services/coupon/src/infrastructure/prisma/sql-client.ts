import { PgSqlClient, SqlExecutor } from '@saga/outbox';

export type CouponSqlClient = PgSqlClient;
/** What every repository receives: the pool or one transaction's connection. */
export type CouponTx = SqlExecutor;

/** node-postgres pool behind the repositories' raw SQL; Prisma owns the schema and the migrations. */
export function createSqlClient(databaseUrl: string, poolSize: number): CouponSqlClient {
  return new PgSqlClient({ connectionString: databaseUrl, max: poolSize, applicationName: 'coupon' });
}
