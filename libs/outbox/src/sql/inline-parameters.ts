import { prepareValue } from 'pg/lib/utils';

/** A single-quoted string or a double-quoted identifier (a doubled quote stays inside). */
const QUOTED = /('(?:[^']|'')*'|"(?:[^"]|"")*")/;

/** The text around the placeholders (one more piece than slots) and the value index of each slot. */
interface Template {
  readonly pieces: readonly string[];
  readonly slots: readonly number[];
}

/** Analysed once per SQL text: the repositories' texts are a small fixed set. null = never inlined. */
const templates = new Map<string, Template | null>();
/** Past this many distinct texts, texts are analysed on every call instead of kept. */
const MAX_TEMPLATES = 1000;

/**
 * Substitutes `$n` placeholders with quoted literals, or returns null when that is not certainly
 * safe: SQL with dollar quoting, comments, backslashes (E'' strings), an unbalanced quote, a `$` inside
 * quotes or an identifier, or a value that is not a plain scalar, a valid Date (as node-postgres would
 * send it) or an array of them (and nulls). Every value becomes a quoted literal (`'42'`, not `42`),
 * which PostgreSQL types from context exactly as it types an untyped parameter.
 */
export function inlineParameters(
  sql: string,
  values: readonly unknown[],
  escapeLiteral: (text: string) => string,
): string | null {
  const template = templateOf(sql);
  if (!template || template.slots.some((slot) => slot >= values.length)) return null;
  const literals = literalsOf(values, escapeLiteral);
  if (!literals) return null;
  let inlined = template.pieces[0]!;
  for (let i = 0; i < template.slots.length; i++) inlined += literals[template.slots[i]!]! + template.pieces[i + 1]!;
  return inlined;
}

/** Whether inlineParameters would inline `sql` with `values` (without escaping anything). */
export function isInlinable(sql: string, values: readonly unknown[]): boolean {
  const template = templateOf(sql);
  return (
    template !== null &&
    template.slots.every((slot) => slot < values.length) &&
    values.every((value) => value == null || isScalar(value) || isScalarArray(value))
  );
}

/**
 * The values as quoted literals (`NULL` for null), or null when one is not a plain scalar, a valid Date
 * or an array of them.
 */
export function literalsOf(values: readonly unknown[], escapeLiteral: (text: string) => string): string[] | null {
  const literals: string[] = [];
  for (const value of values) {
    if (value === null || value === undefined) literals.push('NULL');
    else if (isScalar(value)) literals.push(escapeLiteral(textOf(value)));
    else if (isScalarArray(value)) literals.push(escapeLiteral(arrayLiteral(value)));
    else return null;
  }
  return literals;
}

function templateOf(sql: string): Template | null {
  let template = templates.get(sql);
  if (template === undefined) {
    template = analyse(sql);
    if (templates.size < MAX_TEMPLATES) templates.set(sql, template);
  }
  return template;
}

function analyse(sql: string): Template | null {
  if (/--|\/\*|\\|[\w$]\$|\$(?!\d)/.test(sql)) return null;
  // odd pieces are quoted: no placeholder may be in them, and no quote may be left outside them
  const quoted = sql.split(QUOTED);
  if (quoted.some((piece, i) => (i % 2 === 1 ? piece.includes('$') : /['"]/.test(piece)))) return null;
  const pieces: string[] = [];
  const slots: number[] = [];
  let from = 0;
  for (const match of sql.matchAll(/\$(\d+)/g)) {
    const slot = Number(match[1]) - 1;
    if (slot < 0) return null;
    pieces.push(sql.slice(from, match.index));
    slots.push(slot);
    from = match.index + match[0].length;
  }
  pieces.push(sql.slice(from));
  return { pieces, slots };
}

type Scalar = string | number | bigint | boolean | Date;

/** A value with one text form: finite numbers, valid Dates. */
function isScalar(value: unknown): value is Scalar {
  switch (typeof value) {
    case 'string':
    case 'bigint':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value);
    default:
      return value instanceof Date && Number.isFinite(value.getTime());
  }
}

function isScalarArray(value: unknown): value is (Scalar | null | undefined)[] {
  return Array.isArray(value) && value.every((element) => element == null || isScalar(element));
}

/** What node-postgres would send: a Date in local time with its offset, anything else as String(). */
function textOf(value: Scalar): string {
  return value instanceof Date ? prepareValue(value)! : String(value);
}

/** PostgreSQL's text form of an array, every element double-quoted with `"` and `\\` escaped. */
function arrayLiteral(elements: readonly (Scalar | null | undefined)[]): string {
  const quoted = elements.map((element) =>
    element == null ? 'NULL' : `"${textOf(element).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`,
  );
  return `{${quoted.join(',')}}`;
}

/** How many parameters the server sees in `sql` (its highest `$n`), or null when the text is never inlined. */
export function parameterCountOf(sql: string): number | null {
  const template = templateOf(sql);
  return template ? template.slots.reduce((count, slot) => Math.max(count, slot + 1), 0) : null;
}
