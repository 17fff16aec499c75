import { createTestDatabaseFromSql, type TestDatabase } from '@saga/test-harness';
import { Client } from 'pg';
import { PgSqlClient } from '../src';

jest.setTimeout(30_000);

/** PgSqlClient transactions against a real PostgreSQL, one table of notes emptied before each test. */
let database: TestDatabase;
let client: PgSqlClient;

beforeAll(async () => {
  database = await createTestDatabaseFromSql(['CREATE TABLE note (id SERIAL PRIMARY KEY, note TEXT NOT NULL)']);
  client = new PgSqlClient({ connectionString: database.url, max: 3 });
});
afterAll(async () => {
  await client.$disconnect();
  await database.drop();
});
beforeEach(() => client.execute('DELETE FROM note'));

/** Work registered with beforeCommit and withCommit. */
describe('PgTransaction.beforeCommit', () => {
  const rows = () => client.query<{ note: string }[]>('SELECT note FROM note ORDER BY id');

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

/** PgTransaction.defer: statements whose result nobody reads ride with the next message. */
describe('PgTransaction.defer', () => {
  const notes = async () =>
    (await client.query<{ note: string }[]>('SELECT note FROM note ORDER BY id')).map((row) => row.note);
  /** The messages node-postgres sends (one per round trip), counted while `work` runs; text checks aside. */
  async function countingMessages(work: () => Promise<unknown>): Promise<number> {
    const spy = jest.spyOn(Client.prototype, 'query');
    try {
      await work();
      // a text's first use is followed by its PREPARE, once per pool
      return spy.mock.calls.filter(([query]) => !/^PREPARE p_\w+ AS /.test(String(query))).length;
    } finally {
      spy.mockRestore();
    }
  }

  it('runs deferred statements first, in the message of the next statement', async () => {
    let seen: string[] = [];
    const messages = await countingMessages(() =>
      client.$transaction(async (tx) => {
        await tx.defer('INSERT INTO note (note) VALUES ($1)', 'first');
        await tx.defer('INSERT INTO note (note) VALUES ($1)', 'second');
        seen = (await tx.query<{ note: string }[]>('SELECT note FROM note ORDER BY id')).map((row) => row.note);
      }),
    );
    expect(seen).toEqual(['first', 'second']);
    expect(messages).toBe(2); // BEGIN + 2 deferred + SELECT, then COMMIT
    expect(await notes()).toEqual(['first', 'second']);
  });

  it('sends what is still deferred with the COMMIT, ahead of the withCommit statements', async () => {
    const messages = await countingMessages(() =>
      client.$transaction(async (tx) => {
        await tx.execute('INSERT INTO note (note) VALUES ($1)', 'work');
        await tx.defer('INSERT INTO note (note) SELECT unnest($1::text[])', ['a', 'b']);
        tx.withCommit('INSERT INTO note (note) VALUES ($1)', 'last');
      }),
    );
    expect(messages).toBe(2);
    expect(await notes()).toEqual(['work', 'a', 'b', 'last']);
  });

  it('runs a statement it cannot inline at once', async () => {
    await client.$transaction(async (tx) => {
      await tx.defer(`INSERT INTO note (note) SELECT $1::jsonb->>'a'`, { a: 'object' });
      expect(await tx.query('SELECT note FROM note')).toEqual([{ note: 'object' }]);
    });
  });

  it('a deferred statement that fails fails the next statement and rolls the transaction back', async () => {
    await expect(
      client.$transaction(async (tx) => {
        await tx.execute('INSERT INTO note (note) VALUES ($1)', 'work');
        await tx.defer('INSERT INTO note (note) VALUES ($1)', null);
        await tx.query('SELECT 1');
      }),
    ).rejects.toThrow(/null value/);
    expect(await notes()).toEqual([]);
    await client.$transaction((tx) => tx.execute('INSERT INTO note (note) VALUES ($1)', 'next'));
    expect(await notes()).toEqual(['next']);
  });

  it('a deferred lock is taken before the next statement reads, which sees what the holder committed', async () => {
    let releaseHolder!: () => void;
    let holderLocked!: () => void;
    const locked = new Promise<void>((resolve) => (holderLocked = resolve));
    const holder = client.$transaction(async (tx) => {
      await tx.execute('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', 'order:o-1');
      await tx.execute('INSERT INTO note (note) VALUES ($1)', 'holder');
      holderLocked();
      await new Promise<void>((resolve) => (releaseHolder = resolve));
    });
    await locked;
    const waiter = client.$transaction(async (tx) => {
      await tx.defer('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', 'order:o-1');
      return (await tx.query<{ note: string }[]>('SELECT note FROM note')).map((row) => row.note);
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    releaseHolder();
    await holder;
    await expect(waiter).resolves.toEqual(['holder']);
  });
});

/** Statements sent in simple-protocol messages run as prepared statements once their text is checked. */
describe('PgTransaction prepared statements', () => {
  const notes = async () =>
    (await client.query<{ note: string }[]>('SELECT note FROM note ORDER BY id')).map((row) => row.note);
  /** The statements prepared on the connection a transaction runs on. */
  const preparedIn = (tx: { query: PgSqlClient['query'] }) =>
    tx.query<{ statement: string }[]>("SELECT statement FROM pg_prepared_statements WHERE name LIKE 'p\\_%'");

  it('prepares a text on the connection that first sends it and executes it from then on', async () => {
    const single = new PgSqlClient({ connectionString: database.url, max: 1 });
    try {
      const sql = 'INSERT INTO note (note) VALUES ($1)';
      await single.$transaction((tx) => tx.defer(sql, 'checked'));
      let prepared: { statement: string }[] = [];
      for (const note of ['first', 'second']) {
        await single.$transaction(async (tx) => {
          await tx.defer(sql, note);
          prepared = await preparedIn(tx);
        });
      }
      expect(prepared.map((row) => row.statement)).toEqual([expect.stringContaining(sql)]);
      expect(await notes()).toEqual(['checked', 'first', 'second']);
    } finally {
      await single.$disconnect();
    }
  });

  it('a failed message that prepared a text leaves the connection usable for that text', async () => {
    const single = new PgSqlClient({ connectionString: database.url, max: 1 });
    try {
      const sql = "INSERT INTO note (note) VALUES ($1 || '!')";
      await single.$transaction((tx) => tx.defer(sql, 'checked'));
      await expect(
        single.$transaction(async (tx) => {
          await tx.defer(sql, 'lost');
          await tx.defer('INSERT INTO note (note) VALUES ($1)', null);
          await tx.query('SELECT 1');
        }),
      ).rejects.toThrow(/null value/);
      await single.$transaction((tx) => tx.defer(sql, 'kept'));
      expect(await notes()).toEqual(['checked!', 'kept!']);
    } finally {
      await single.$disconnect();
    }
  });

  it('a text the server cannot prepare without types keeps running inlined', async () => {
    const sql = "INSERT INTO note (note) SELECT 'untyped' WHERE $1 IS NULL";
    for (let i = 0; i < 3; i++) {
      await client.$transaction((tx) => tx.defer(sql, null));
    }
    expect(await notes()).toEqual(['untyped', 'untyped', 'untyped']);
  });

  it('with preparedStatements off, nothing is prepared', async () => {
    const unprepared = new PgSqlClient({ connectionString: database.url, max: 1, preparedStatements: false });
    try {
      for (let i = 0; i < 3; i++) {
        await unprepared.$transaction(async (tx) => {
          await tx.defer('INSERT INTO note (note) VALUES ($1)', `n${i}`);
          expect(await preparedIn(tx)).toEqual([]);
        });
      }
      expect(await notes()).toEqual(['n0', 'n1', 'n2']);
    } finally {
      await unprepared.$disconnect();
    }
  });
});
