import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { currentEndpoints } from './endpoints';
import { uniqueId } from './unique-id';

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/**
 * A fresh, uniquely named database with the migrations applied in order (each `<dir>/migration.sql`,
 * directories sorted by name, as Prisma names them by timestamp). Plain SQL through pg: no Prisma CLI.
 */
export async function createTestDatabase(
  migrationsDir: string,
  adminUrl = currentEndpoints().postgresAdminUrl,
): Promise<TestDatabase> {
  const scripts = migrationFiles(migrationsDir).map((file) => readFileSync(file, 'utf8'));
  return createTestDatabaseFromSql(scripts, { adminUrl });
}

/** A fresh, uniquely named database with the given SQL scripts run in order; dropped again if one fails. */
export async function createTestDatabaseFromSql(
  scripts: string[],
  { adminUrl = currentEndpoints().postgresAdminUrl, prefix = 'test' }: { adminUrl?: string; prefix?: string } = {},
): Promise<TestDatabase> {
  const name = uniqueId(prefix).toLowerCase();
  await withClient(adminUrl, (client) => client.query(`create database "${name}"`));
  const url = withDatabase(adminUrl, name);
  try {
    await withClient(url, async (client) => {
      for (const sql of scripts) await client.query(sql);
    });
  } catch (error) {
    await dropDatabase(adminUrl, name);
    throw error;
  }
  return { name, url, drop: () => dropDatabase(adminUrl, name) };
}

export function migrationFiles(migrationsDir: string): string[] {
  if (!existsSync(migrationsDir)) throw new Error(`no migrations directory at ${migrationsDir}`);
  return readdirSync(migrationsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(migrationsDir, entry.name, 'migration.sql'))
    .filter((file) => existsSync(file))
    .sort();
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

const INSUFFICIENT_PRIVILEGE = '42501';

/**
 * Drops a test database, closing its connections. A non-superuser cannot terminate another role's backend:
 * an autovacuum worker that just started on the database makes `WITH (FORCE)` fail for a moment, so retry.
 */
export async function dropDatabase(adminUrl: string, name: string, attempts = 20): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await withClient(adminUrl, (client) => client.query(`drop database if exists "${name}" with (force)`));
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== INSUFFICIENT_PRIVILEGE || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

/** One connection for `work`, closed afterwards. */
export async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
