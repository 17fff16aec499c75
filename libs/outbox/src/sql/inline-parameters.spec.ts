import { escapeLiteral } from 'pg';
import { inlineParameters } from './inline-parameters';

describe('inlineParameters', () => {
  it('turns every scalar into a quoted literal, escaping strings', () => {
    expect(
      inlineParameters(
        'INSERT INTO t (a, b, c, d, e) VALUES ($1, $2::uuid, $3, $4, $5)',
        ["it's", '7f9c0c1e-1f47-4a55-9b1f-6d8d2c0f0e0a', 42, null, true],
        escapeLiteral,
      ),
    ).toBe(
      "INSERT INTO t (a, b, c, d, e) VALUES ('it''s', '7f9c0c1e-1f47-4a55-9b1f-6d8d2c0f0e0a'::uuid, '42', NULL, 'true')",
    );
  });

  it('turns an array of strings into a quoted array literal (escaping: test/pg-transaction.test.ts)', () => {
    expect(inlineParameters('SELECT $1::text[]', [['a', null]], escapeLiteral)).toBe(`SELECT '{"a",NULL}'::text[]`);
  });

  it('turns an array of numbers into an array literal of quoted elements, typed by the cast', () => {
    expect(inlineParameters('SELECT $1::int[]', [[1, -2, 3n]], escapeLiteral)).toBe(`SELECT '{"1","-2","3"}'::int[]`);
  });

  it('leaves quoted strings and identifiers without placeholders as they are', () => {
    expect(
      inlineParameters(`UPDATE "order" SET status = 'it''s' WHERE id = $1 AND "we""ird" = 'x'`, ['o-1'], escapeLiteral),
    ).toBe(`UPDATE "order" SET status = 'it''s' WHERE id = 'o-1' AND "we""ird" = 'x'`);
  });

  it('inlines a Date as node-postgres sends one', () => {
    expect(inlineParameters('SELECT $1::timestamptz', [new Date(0)], escapeLiteral)).toMatch(
      /^SELECT '19(70|69)-\d\d-\d\dT\d\d:00:00\.000[+-]\d\d:\d\d'::timestamptz$/,
    );
  });

  it('gives the same answer for a text it has analysed before', () => {
    const sql = `SELECT $2, 'x', $1, $2`;
    expect(inlineParameters(sql, ['a', 'b'], escapeLiteral)).toBe(`SELECT 'b', 'x', 'a', 'b'`);
    expect(inlineParameters(sql, ['c', 'd'], escapeLiteral)).toBe(`SELECT 'd', 'x', 'c', 'd'`);
    expect(inlineParameters(sql, ['only one'], escapeLiteral)).toBeNull();
  });

  it('uses $10 as the tenth value, not $1 followed by 0', () => {
    const values = Array.from({ length: 10 }, (_, i) => `v${i + 1}`);
    expect(inlineParameters('SELECT $10, $1', values, escapeLiteral)).toBe("SELECT 'v10', 'v1'");
  });

  it.each([
    ["SELECT '$1'", ['v']],
    ["SELECT 'a $1 b', $1", ['v']],
    ['SELECT "$1"', ['v']],
    ["SELECT $1 WHERE x = 'unbalanced", ['v']],
    ["SELECT $1 WHERE x = E'it\\'s'", ['v']],
    ['SELECT a$1 FROM t', ['v']],
    ['SELECT $tag$ $1 $tag$', ['v']],
    ['SELECT $1 -- comment', ['v']],
    ['SELECT $$ $1 $$', ['v']],
    ['SELECT $1', [[1, Number.POSITIVE_INFINITY]]],
    ['SELECT $1', [[['nested']]]],
    ['SELECT $1', [new Date(Number.NaN)]],
    ['SELECT $1', [{ a: 1 }]],
    ['SELECT $1', [Number.NaN]],
    ['SELECT $2', ['only one']],
    ['SELECT $0', ['v']],
  ])('refuses what it cannot inline safely: %s', (sql, values) => {
    expect(inlineParameters(sql, values, escapeLiteral)).toBeNull();
  });
});
