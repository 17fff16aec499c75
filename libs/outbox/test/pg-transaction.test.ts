import { createTestDatabaseFromSql, type TestDatabase } from '@saga/test-harness';
import { PgSqlClient } from '../src';

jest.setTimeout(30_000);

/** PgSqlClient transactions against a real PostgreSQL: work registered with beforeCommit. */
describe('PgTransaction.beforeCommit', () => {
  let database: TestDatabase;
  let client: PgSqlClient;
  const rows = () => client.query<{ note: string }[]>('SELECT note FROM note ORDER BY id');

  beforeAll(async () => {
    database = await createTestDatabaseFromSql(['CREATE TABLE note (id SERIAL PRIMARY KEY, note TEXT NOT NULL)']);
    client = new PgSqlClient({ connectionString: database.url, max: 2 });
  });
  afterAll(async () => {
    await client.$disconnect();
    await database.drop();
  });
  beforeEach(() => client.execute('DELETE FROM note'));

  it('runs after the work, before the commit, in the same transaction and in order (also work it registers)', async () => {
    await client.$transaction(async (tx) => {
      tx.beforeCommit(async () => {
        await tx.execute("INSERT INTO note (note) VALUES ('hook 1')");
        tx.beforeCommit(() => tx.execute("INSERT INTO note (note) VALUES ('hook 3')").then(() => undefined));
      });
      tx.beforeCommit(() => tx.execute("INSERT INTO note (note) VALUES ('hook 2')").then(() => undefined));
      await tx.execute("INSERT INTO note (note) VALUES ('work')");
      // not yet written while the work runs
      expect(await tx.query('SELECT note FROM note')).toEqual([{ note: 'work' }]);
    });
    expect((await rows()).map((row) => row.note)).toEqual(['work', 'hook 1', 'hook 2', 'hook 3']);
  });

  it('a failing hook rolls the whole transaction back and rejects', async () => {
    await expect(
      client.$transaction(async (tx) => {
        tx.beforeCommit(() => tx.execute('INSERT INTO note (note) VALUES (NULL)').then(() => undefined));
        await tx.execute("INSERT INTO note (note) VALUES ('work')");
      }),
    ).rejects.toThrow(/null value/);
    expect(await rows()).toEqual([]);
  });

  it('sends withCommit statements in the COMMIT message, arrays of awkward strings intact', async () => {
    const awkward = [`it's`, 'say "hi"', 'back\\slash \\" mixed', '{braces, commas}', 'NULL', '', 'ünï'];
    await client.$transaction(async (tx) => {
      await tx.execute("INSERT INTO note (note) VALUES ('work')");
      tx.withCommit('INSERT INTO note (note) SELECT unnest($1::text[])', awkward);
      tx.beforeCommit(() => tx.execute("INSERT INTO note (note) VALUES ('hook')").then(() => undefined));
    });
    expect((await rows()).map((row) => row.note)).toEqual(['work', 'hook', ...awkward]);
  });

  it('a withCommit statement that fails rolls everything back and leaves the connection usable', async () => {
    await expect(
      client.$transaction(async (tx) => {
        await tx.execute("INSERT INTO note (note) VALUES ('work')");
        tx.withCommit('INSERT INTO note (note) SELECT unnest($1::text[])', ['fine', null]);
      }),
    ).rejects.toThrow(/null value/);
    expect(await rows()).toEqual([]);
    for (let i = 0; i < 3; i++)
      await client.$transaction((tx) => tx.execute("INSERT INTO note (note) VALUES ('next')"));
    expect(await rows()).toHaveLength(3);
  });

  it('a transaction with only a withCommit statement is one message (BEGIN, statement, COMMIT)', async () => {
    await client.$transaction(async (tx) =>
      tx.withCommit('INSERT INTO note (note) SELECT unnest($1::text[])', ['only']),
    );
    expect((await rows()).map((row) => row.note)).toEqual(['only']);
  });
});
