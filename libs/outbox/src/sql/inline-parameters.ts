/**
 * Substitutes `$n` placeholders with quoted literals, or returns null when that is not certainly
 * safe: SQL containing quotes, dollar quoting or comments (a `$n` could be inside them), or a value
 * that is not a plain scalar or an array of strings (and nulls). Every value becomes a quoted literal
 * (`'42'`, not `42`), which PostgreSQL types from context exactly as it types an untyped parameter.
 */
export function inlineParameters(
  sql: string,
  values: readonly unknown[],
  escapeLiteral: (text: string) => string,
): string | null {
  if (/['"]|\$\$|--|\/\*/.test(sql)) return null;
  const literals: string[] = [];
  for (const value of values) {
    if (value === null || value === undefined) literals.push('NULL');
    else if (typeof value === 'string') literals.push(escapeLiteral(value));
    else if (typeof value === 'bigint' || typeof value === 'boolean') literals.push(`'${String(value)}'`);
    else if (typeof value === 'number' && Number.isFinite(value)) literals.push(`'${String(value)}'`);
    else if (isTextArray(value)) literals.push(escapeLiteral(arrayLiteral(value)));
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

function isTextArray(value: unknown): value is (string | null)[] {
  return Array.isArray(value) && value.every((element) => element === null || typeof element === 'string');
}

/** PostgreSQL's text form of an array, every element double-quoted with `"` and `\\` escaped. */
function arrayLiteral(elements: readonly (string | null)[]): string {
  const quoted = elements.map((element) =>
    element === null ? 'NULL' : `"${element.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`,
  );
  return `{${quoted.join(',')}}`;
}
