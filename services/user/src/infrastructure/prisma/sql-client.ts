import { PgSqlClient } from '@saga/outbox';

export type UserSqlClient = PgSqlClient;

/** node-postgres pool behind the repositories' raw SQL; Prisma owns the schema and the migrations. */
export function createSqlClient(databaseUrl: string, poolSize: number): UserSqlClient {
  return new PgSqlClient({ connectionString: databaseUrl, max: poolSize, applicationName: 'user' });
}
