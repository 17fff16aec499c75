import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlExecutor } from '../../src/sql-executor';
import type { TransactionalClient } from '../../src/unit-of-work/sql-unit-of-work';

const packageDir = join(__dirname, '..', '..');
const generatedClient = join(packageDir, 'test', 'generated', 'prisma', 'client.ts');

/** Generates the test client on first use (the package's prisma:generate script; no engine download). */
function ensureGenerated(): void {
  if (existsSync(generatedClient)) return;
  execFileSync('pnpm', ['run', 'prisma:generate'], { cwd: packageDir, stdio: 'inherit' });
}

interface RawSqlClient {
  $queryRawUnsafe<T = unknown>(sql: string, ...values: unknown[]): Promise<T>;
  $executeRawUnsafe(sql: string, ...values: unknown[]): Promise<number>;
}

/**
 * The Prisma client (or one of its transactions) behind the libs' `SqlExecutor` surface (`query`/`execute`),
 * its models still reachable, so tests can write their own tables through the same transactions.
 */
type TransactionOf<C> = C extends { $transaction<R>(fn: (tx: infer T) => Promise<R>, options?: never): Promise<R> }
  ? T
  : never;
type SqlExecutorClient<C> = Omit<C, '$transaction'> & SqlExecutor & TransactionalClient<TransactionOf<C> & SqlExecutor>;

function asSqlExecutor<C extends RawSqlClient>(client: C): SqlExecutorClient<C> {
  return new Proxy(client, {
    get(target, key) {
      if (key === 'query') return (sql: string, ...values: unknown[]) => target.$queryRawUnsafe(sql, ...values);
      if (key === 'execute') return (sql: string, ...values: unknown[]) => target.$executeRawUnsafe(sql, ...values);
      if (key === '$transaction') {
        const transaction = (target as unknown as { $transaction: (...args: unknown[]) => Promise<unknown> })
          .$transaction;
        return (work: unknown, options?: unknown) =>
          typeof work === 'function'
            ? transaction.call(target, (tx: RawSqlClient) => work(asSqlExecutor(tx)), options)
            : transaction.call(target, work, options);
      }
      const value: unknown = Reflect.get(target, key);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  }) as unknown as SqlExecutorClient<C>;
}

export function createTestPrisma(url: string) {
  ensureGenerated();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { PrismaClient } = require(generatedClient) as typeof import('../generated/prisma/client');
  return asSqlExecutor(new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) }));
}

export type TestPrisma = ReturnType<typeof createTestPrisma>;
