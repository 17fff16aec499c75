import { Client } from 'pg';
import { createTestDatabaseFromSql } from '@saga/test-harness';
import { readOutboxSql } from '../../src';

export interface OutboxTestDatabase {
  url: string;
  query<T extends Record<string, unknown> = Record<string, unknown>>(sql: string, values?: unknown[]): Promise<T[]>;
  drop(): Promise<void>;
}

const EFFECT_TABLE = `
CREATE TABLE "effect" (
  "id" BIGSERIAL PRIMARY KEY,
  "order_id" TEXT NOT NULL,
  "event_id" UUID NOT NULL,
  "seq" INTEGER NOT NULL,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);`;

/**
 * A fresh database with the outbox/inbox tables from sql/outbox.sql (the file services' migrations
 * must match) plus the test-only effect table that test/prisma/schema.prisma maps.
 */
export async function createOutboxTestDatabase(): Promise<OutboxTestDatabase> {
  const database = await createTestDatabaseFromSql([readOutboxSql() + EFFECT_TABLE], { prefix: 'outbox' });
  const client = new Client({ connectionString: database.url });
  await client.connect();
  return {
    url: database.url,
    query: async (sql, values) => (await client.query(sql, values)).rows,
    drop: async () => {
      await client.end();
      await database.drop();
    },
  };
}
