/** An error as the reason written to spans, logs and dead-letter headers: `<name>: <message>`. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
