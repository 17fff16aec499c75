import { prepareValue } from 'pg/lib/utils';

/** A single-quoted string or a double-quoted identifier (a doubled quote stays inside). */
const QUOTED = /('(?:[^']|'')*'|"(?:[^"]|"")*")/;

/**
 * Substitutes `$n` placeholders with quoted literals, or returns null when that is not certainly
 * safe: SQL with dollar quoting, comments, backslashes (E'' strings), an unbalanced quote, a `$` inside
 * quotes or an identifier, or a value that is not a plain scalar, a valid Date (as node-postgres would send it) or an array of
 * them (and nulls). Every value becomes a quoted literal (`'42'`, not `42`), which PostgreSQL types from context
 * exactly as it types an untyped parameter.
 */
export function inlineParameters(
  sql: string,
  values: readonly unknown[],
  escapeLiteral: (text: string) => string,
): string | null {
  if (/--|\/\*|\\|[\w$]\$|\$(?!\d)/.test(sql)) return null;
  // odd pieces are quoted: no placeholder may be in them, and no quote may be left outside them
  const pieces = sql.split(QUOTED);
  if (pieces.some((piece, i) => (i % 2 === 1 ? piece.includes('$') : /['"]/.test(piece)))) return null;
  const literals: string[] = [];
  for (const value of values) {
    if (value === null || value === undefined) literals.push('NULL');
    else if (typeof value === 'string') literals.push(escapeLiteral(value));
    else if (typeof value === 'bigint' || typeof value === 'boolean') literals.push(`'${String(value)}'`);
    else if (typeof value === 'number' && Number.isFinite(value)) literals.push(`'${String(value)}'`);
    else if (value instanceof Date && Number.isFinite(value.getTime()))
      literals.push(escapeLiteral(prepareValue(value)!));
    else if (isScalarArray(value)) literals.push(escapeLiteral(arrayLiteral(value)));
    else return null;
  }
  let complete = true;
  const inlined = sql.replace(/\$(\d+)/g, (_, n: string) => {
    const literal = literals[Number(n) - 1];
    if (literal === undefined) complete = false;
    return literal ?? '';
  });
  return complete ? inlined : null;
}

type ArrayElement = string | number | bigint | boolean | Date | null | undefined;

function isScalarArray(value: unknown): value is ArrayElement[] {
  return (
    Array.isArray(value) &&
    value.every(
      (element) =>
        element === null ||
        element === undefined ||
        typeof element === 'string' ||
        typeof element === 'bigint' ||
        typeof element === 'boolean' ||
        (typeof element === 'number' && Number.isFinite(element)) ||
        (element instanceof Date && Number.isFinite(element.getTime())),
    )
  );
}

/** PostgreSQL's text form of an array, every element double-quoted with `"` and `\\` escaped. */
function arrayLiteral(elements: readonly ArrayElement[]): string {
  const quoted = elements.map((element) => {
    if (element === null || element === undefined) return 'NULL';
    const text = element instanceof Date ? prepareValue(element)! : String(element);
    return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  });
  return `{${quoted.join(',')}}`;
}
