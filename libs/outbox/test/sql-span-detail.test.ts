import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createOutboxTestDatabase, OutboxTestDatabase } from './support/test-database';

const run = promisify(execFile);
const packageDir = join(__dirname, '..');

interface FinishedSpan {
  name: string;
  parent: string | null;
}

/**
 * PgSqlClient's spans in a process traced like a service (test/support/sql-spans-child.ts), against the
 * real PostgreSQL: by default a transaction is one span and statements have none (the span budget,
 * docs/tracing.md); TRACING_DETAIL=sql adds a span per statement, still none for BEGIN or COMMIT.
 */
describe('PgSqlClient spans per TRACING_DETAIL', () => {
  let db: OutboxTestDatabase;
  let database: string;

  beforeAll(async () => {
    db = await createOutboxTestDatabase();
    database = new URL(db.url).pathname.slice(1);
  });
  afterAll(() => db?.drop());

  async function spansWith(detail: string | undefined): Promise<FinishedSpan[]> {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'test/support/sql-spans-child.ts'], {
      cwd: packageDir,
      env: {
        PATH: process.env.PATH,
        TSX_TSCONFIG_PATH: 'tsconfig.run.json',
        DATABASE_URL: db.url,
        OTEL_LOG_LEVEL: 'error',
        ...(detail === undefined ? {} : { TRACING_DETAIL: detail }),
      },
      timeout: 60_000,
    });
    const { spans } = JSON.parse(stdout.trim().split('\n').at(-1)!) as { spans: FinishedSpan[] };
    return spans.sort((a, b) => `${a.name} ${a.parent}`.localeCompare(`${b.name} ${b.parent}`));
  }

  it('by default: one span per transaction, none per statement', async () => {
    expect(await spansWith(undefined)).toEqual([
      { name: `pg.transaction ${database}`, parent: 'work' },
      { name: 'work', parent: null },
    ]);
  }, 90_000);

  it('TRACING_DETAIL=sql: a span per statement, below its transaction; none for BEGIN or COMMIT', async () => {
    expect(await spansWith('sql')).toEqual([
      { name: `pg.query:SELECT ${database}`, parent: `pg.transaction ${database}` },
      { name: `pg.query:SELECT ${database}`, parent: 'work' },
      { name: `pg.query:UPDATE ${database}`, parent: `pg.transaction ${database}` },
      { name: `pg.transaction ${database}`, parent: 'work' },
      { name: 'work', parent: null },
    ]);
  }, 90_000);
});
