import { ConnectionStatements, PreparableTexts } from './prepared-statements';

const escape = (text: string) => `'${text.replace(/'/g, "''")}'`;
const INSERT = 'INSERT INTO note (note, n) VALUES ($1, $2)';
const UNTYPED = "SELECT 'x' WHERE $1 IS NULL";

/** A connection of a pool whose server prepares every text but UNTYPED; `sent` collects what it got. */
function connection(texts = new PreparableTexts(), sent: string[] = []) {
  const statements = new ConnectionStatements(texts, escape);
  const tryPending = () =>
    statements.tryPending(async (sql) => {
      sent.push(sql);
      if (sql.includes('IS NULL')) throw Object.assign(new Error('could not determine data type'), { code: '42P18' });
    });
  return { statements, tryPending, texts, sent };
}

describe('ConnectionStatements', () => {
  it('inlines a text never tried, prepares it after the transaction, then only executes it', async () => {
    const { statements, tryPending, texts, sent } = connection();
    expect(statements.render({ sql: INSERT, values: ["it's", 1] })).toBe(
      "INSERT INTO note (note, n) VALUES ('it''s', '1')",
    );
    statements.answered(false);
    await tryPending();
    const name = texts.nameOf(INSERT)!;
    expect(name).toMatch(/^p_[0-9a-f]{20}$/);
    expect(sent).toEqual([`PREPARE ${name} AS ${INSERT}`]);
    expect(statements.render({ sql: INSERT, values: [null, ['a', 'b']] })).toBe(`EXECUTE ${name}(NULL, '{"a","b"}')`);
    await tryPending();
    expect(sent).toHaveLength(1);
  });

  it('another connection prepares a tried text in the message of its first use', async () => {
    const first = connection();
    first.statements.render({ sql: INSERT, values: ['a', 1] });
    await first.tryPending();
    const name = first.texts.nameOf(INSERT)!;
    const other = connection(first.texts);
    expect(other.statements.render({ sql: INSERT, values: ['b', 2] })).toBe(
      `PREPARE ${name} AS ${INSERT}; EXECUTE ${name}('b', '2')`,
    );
    other.statements.answered(false);
    expect(other.statements.render({ sql: INSERT, values: ['c', 3] })).toBe(`EXECUTE ${name}('c', '3')`);
  });

  it('keeps inlining a text the server cannot prepare, on every connection', async () => {
    const first = connection();
    first.statements.render({ sql: UNTYPED, values: [null] });
    await first.tryPending();
    expect(first.texts.nameOf(UNTYPED)).toBeNull();
    const other = connection(first.texts);
    expect(other.statements.render({ sql: UNTYPED, values: [null] })).toBe("SELECT 'x' WHERE NULL IS NULL");
    await other.tryPending();
    expect(other.sent).toEqual([]);
  });

  it('inlines a text for good on a connection where a message that prepared it failed', async () => {
    const first = connection();
    first.statements.render({ sql: INSERT, values: ['a', 1] });
    await first.tryPending();
    const other = connection(first.texts);
    other.statements.render({ sql: INSERT, values: ['b', 2] });
    other.statements.answered(true);
    expect(other.statements.render({ sql: INSERT, values: ['c', 3] })).toBe(
      "INSERT INTO note (note, n) VALUES ('c', '3')",
    );
  });

  it('a failed message that only executed prepared statements leaves them prepared', async () => {
    const { statements, tryPending, texts } = connection();
    statements.render({ sql: INSERT, values: ['a', 1] });
    await tryPending();
    statements.render({ sql: INSERT, values: ['b', 2] });
    statements.answered(true);
    expect(statements.render({ sql: INSERT, values: ['c', 3] })).toBe(`EXECUTE ${texts.nameOf(INSERT)}('c', '3')`);
  });

  it('rejects when the connection fails while trying a text, which stays untried', async () => {
    const texts = new PreparableTexts();
    const statements = new ConnectionStatements(texts, escape);
    statements.render({ sql: INSERT, values: ['a', 1] });
    await expect(statements.tryPending(() => Promise.reject(new Error('connection terminated')))).rejects.toThrow(
      /terminated/,
    );
    expect(texts.nameOf(INSERT)).toBeUndefined();
  });

  it('returns null for values it cannot inline (the statement then runs on its own)', () => {
    const { statements } = connection();
    expect(statements.render({ sql: INSERT, values: [{ an: 'object' }, 1] })).toBeNull();
  });
});
