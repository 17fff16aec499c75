import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrationFiles, withDatabase } from './database';
import { uniqueId } from './unique-id';

describe('migrationFiles', () => {
  it('returns each migration.sql in name (timestamp) order and skips other entries', () => {
    const dir = mkdtempSync(join(tmpdir(), 'migrations-'));
    for (const name of ['20250102000000_b', '20250101000000_a', 'no_sql_here']) mkdirSync(join(dir, name));
    writeFileSync(join(dir, '20250102000000_b', 'migration.sql'), 'select 2;');
    writeFileSync(join(dir, '20250101000000_a', 'migration.sql'), 'select 1;');
    writeFileSync(join(dir, 'migration_lock.toml'), 'provider = "postgresql"');
    expect(migrationFiles(dir)).toEqual([
      join(dir, '20250101000000_a', 'migration.sql'),
      join(dir, '20250102000000_b', 'migration.sql'),
    ]);
  });

  it('fails loudly on a missing directory', () => {
    expect(() => migrationFiles('/nonexistent/migrations')).toThrow('no migrations directory');
  });
});

describe('withDatabase', () => {
  it('swaps only the database name', () => {
    expect(withDatabase('postgresql://saga:saga@127.0.0.1:5433/postgres?sslmode=disable', 'x')).toBe(
      'postgresql://saga:saga@127.0.0.1:5433/x?sslmode=disable',
    );
  });
});

describe('uniqueId', () => {
  it('is unique and safe for topic and database names', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => uniqueId('order')));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(/^order_[a-z0-9_]+$/);
  });
});
