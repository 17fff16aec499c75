import { Client } from 'pg';
import { currentEndpoints, dropDatabase, uniqueId, withDatabase } from '@saga/test-harness';
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
  const adminUrl = currentEndpoints().postgresAdminUrl;
  const name = uniqueId('outbox').toLowerCase();
  await withClient(adminUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
  const url = withDatabase(adminUrl, name);
  await withClient(url, (client) => client.query(readOutboxSql() + EFFECT_TABLE));
  const client = new Client({ connectionString: url });
  await client.connect();
  return {
    url,
    query: async (sql, values) => (await client.query(sql, values)).rows,
    drop: async () => {
      await client.end();
      await dropDatabase(adminUrl, name);
    },
  };
}

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
