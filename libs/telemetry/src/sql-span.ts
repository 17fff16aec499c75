import type { Span } from '@opentelemetry/api';

const BEGIN_PREFIX = /^\s*BEGIN[^;]*;\s*/i;
const PREPARE_PREFIX = /^PREPARE (\w+) AS /i;
const EXECUTE = /\bEXECUTE (\w+)(?:\([^)]*\))?/g;

/** The SQL of statements prepared by name (SQL-level PREPARE), so their spans show what they run. */
const preparedTexts = new Map<string, string>();

/** Call for each statement name a process PREPAREs; names are a bounded set (one per SQL text). */
export function rememberPreparedStatement(name: string, sql: string): void {
  preparedTexts.set(name, sql);
}

/**
 * First keyword of a statement (`WITH`, `SELECT`, `UPDATE`, ...), as the pg instrumentation names unnamed
 * queries; for `PREPARE name AS ...` and `EXECUTE name(...)`, the keyword of the prepared statement.
 */
export function sqlOperationOf(text: string): string {
  const statement = text.replace(BEGIN_PREFIX, '').trim().replace(PREPARE_PREFIX, '');
  const keyword = (statement.split(/\s/, 1)[0] ?? '').replace(/;$/, '').toUpperCase();
  if (keyword !== 'EXECUTE') return keyword;
  const prepared = preparedTexts.get(statement.split(/[\s(;]/, 2)[1] ?? '');
  return prepared ? sqlOperationOf(prepared) : keyword;
}

/** Replaces quoted literals with `?`. */
export function withoutLiterals(sql: string): string {
  return sql.replace(/E?'(?:[^'\\]|''|\\.)*'/g, '?');
}

/**
 * Names a pg.query span by its SQL operation (statements run as named prepared statements, which
 * the instrumentation would name by their hash). Statements sent together in one message (with BEGIN,
 * deferred ones, with COMMIT) carry their values inlined as literals and may run as `EXECUTE name(...)`:
 * the span then shows the SQL they run, without the values.
 */
export function describeSqlSpan(span: Span, text: string, database: string | undefined): void {
  span.updateName(`pg.query:${sqlOperationOf(text)}${database ? ` ${database}` : ''}`);
  if (BEGIN_PREFIX.test(text) || text.includes(';') || /^\s*EXECUTE /i.test(text)) {
    span.setAttribute('db.query.text', readableText(text));
  }
}

/** The message's SQL without values: PREPAREs dropped, each EXECUTE replaced by the statement it runs. */
function readableText(text: string): string {
  let readable = text;
  for (const [, name] of text.matchAll(/PREPARE (\w+) AS /g)) {
    const sql = preparedTexts.get(name!);
    if (sql) readable = readable.replace(`PREPARE ${name} AS ${sql}; `, '');
  }
  return withoutLiterals(readable).replace(EXECUTE, (execute, name: string) => preparedTexts.get(name) ?? execute);
}
