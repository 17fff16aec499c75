import { PgSqlClient } from '@saga/outbox';

export type OrderSqlClient = PgSqlClient;

/** node-postgres pool behind the repositories' raw SQL; Prisma owns the schema and the migrations. */
export function createSqlClient(databaseUrl: string, poolSize: number): OrderSqlClient {
  return new PgSqlClient({ connectionString: databaseUrl, max: poolSize, applicationName: 'order' });
}
