import type { Span } from '@opentelemetry/api';
import { describeSqlSpan, rememberPreparedStatement, sqlOperationOf, withoutLiterals } from './sql-span';

/** A span that records the calls describeSqlSpan makes. */
function recordingSpan(): { span: Span; calls: unknown[][] } {
  const calls: unknown[][] = [];
  const span = {
    updateName: (...args: unknown[]) => calls.push(['name', ...args]),
    setAttribute: (...args: unknown[]) => calls.push(['attr', ...args]),
  } as unknown as Span;
  return { span, calls };
}

describe('sql span naming', () => {
  it('names by the first keyword, skipping a BEGIN sent with the statement', () => {
    expect(sqlOperationOf('  with o as (select 1) select * from o')).toBe('WITH');
    expect(sqlOperationOf("BEGIN ISOLATION LEVEL SERIALIZABLE; INSERT INTO t VALUES ('x')")).toBe('INSERT');
  });

  it('hides inlined values, including escaped ones', () => {
    expect(withoutLiterals("BEGIN; INSERT INTO t VALUES ('a''b', E'c\\\\d', '1')")).toBe(
      'BEGIN; INSERT INTO t VALUES (?, ?, ?)',
    );
  });

  it('replaces the query text only when values were inlined', () => {
    const { span, calls } = recordingSpan();
    describeSqlSpan(span, 'SELECT 1 FROM t WHERE id = $1', 'order_db');
    describeSqlSpan(span, "BEGIN; SELECT 1 FROM t WHERE id = 'secret'", undefined);
    expect(calls).toEqual([
      ['name', 'pg.query:SELECT order_db'],
      ['name', 'pg.query:SELECT'],
      ['attr', 'db.query.text', 'BEGIN; SELECT 1 FROM t WHERE id = ?'],
    ]);
  });
});

describe('sql spans of prepared statements', () => {
  const sql = "INSERT INTO note (note, kind) VALUES ($1, 'plain')";
  rememberPreparedStatement('p_note', sql);

  it('names PREPARE and EXECUTE by the statement they prepare or run', () => {
    expect(sqlOperationOf(`BEGIN; PREPARE p_note AS ${sql}; EXECUTE p_note('a')`)).toBe('INSERT');
    expect(sqlOperationOf("EXECUTE p_note('a')")).toBe('INSERT');
    expect(sqlOperationOf('EXECUTE p_unknown')).toBe('EXECUTE');
  });

  it('shows the SQL each EXECUTE runs, without its values and without the PREPARE', () => {
    const { span, calls } = recordingSpan();
    describeSqlSpan(span, `BEGIN; PREPARE p_note AS ${sql}; EXECUTE p_note('secret (1)')`, 'order_db');
    describeSqlSpan(span, "SELECT 1; EXECUTE p_note('it''s')", undefined);
    expect(calls).toEqual([
      ['name', 'pg.query:INSERT order_db'],
      ['attr', 'db.query.text', `BEGIN; ${sql}`],
      ['name', 'pg.query:SELECT'],
      ['attr', 'db.query.text', `SELECT 1; ${sql}`],
    ]);
  });
});
