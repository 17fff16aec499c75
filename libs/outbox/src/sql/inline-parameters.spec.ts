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

  it('uses $10 as the tenth value, not $1 followed by 0', () => {
    const values = Array.from({ length: 10 }, (_, i) => `v${i + 1}`);
    expect(inlineParameters('SELECT $10, $1', values, escapeLiteral)).toBe("SELECT 'v10', 'v1'");
  });

  it.each([
    ["SELECT $1 WHERE x = 'a'", ['v']],
    ['SELECT "$1"', ['v']],
    ['SELECT $1 -- comment', ['v']],
    ['SELECT $$ $1 $$', ['v']],
    ['SELECT $1', [[1, 2]]],
    ['SELECT $1', [new Date()]],
    ['SELECT $1', [{ a: 1 }]],
    ['SELECT $1', [Number.NaN]],
    ['SELECT $2', ['only one']],
  ])('refuses what it cannot inline safely: %s', (sql, values) => {
    expect(inlineParameters(sql, values, escapeLiteral)).toBeNull();
  });
});
