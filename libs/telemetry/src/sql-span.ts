import type { Span } from '@opentelemetry/api';

const BEGIN_PREFIX = /^\s*BEGIN[^;]*;\s*/i;

/** First keyword of a statement (`WITH`, `SELECT`, `UPDATE`, ...), as the pg instrumentation names unnamed queries. */
export function sqlOperationOf(text: string): string {
  return (text.replace(BEGIN_PREFIX, '').trim().split(/\s/, 1)[0] ?? '').replace(/;$/, '').toUpperCase();
}

/** Replaces quoted literals with `?`. */
export function withoutLiterals(sql: string): string {
  return sql.replace(/E?'(?:[^'\\]|''|\\.)*'/g, '?');
}

/**
 * Names a pg.query span by its SQL operation (statements run as named prepared statements, which
 * the instrumentation would name by their hash). A transaction's first statement is sent together
 * with BEGIN, its parameters inlined as literals: the span then shows the text without the values.
 */
export function describeSqlSpan(span: Span, text: string, database: string | undefined): void {
  span.updateName(`pg.query:${sqlOperationOf(text)}${database ? ` ${database}` : ''}`);
  if (BEGIN_PREFIX.test(text)) span.setAttribute('db.query.text', withoutLiterals(text));
}
