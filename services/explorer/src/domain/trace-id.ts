const TRACEPARENT = /^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$/;

/** The trace id of a W3C `traceparent` header (`00-<trace id>-<span id>-<flags>`); null when absent or malformed. */
export function traceIdOf(traceparent: string | undefined): string | null {
  const match = traceparent ? TRACEPARENT.exec(traceparent.trim()) : null;
  if (!match || /^0+$/.test(match[1]!)) return null;
  return match[1]!;
}
