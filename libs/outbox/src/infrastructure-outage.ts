/**
 * Errors that say "a dependency is unreachable", not "this message is bad": connection refused or reset,
 * PostgreSQL shutting down or out of connections, Prisma's can't-reach / pool-timeout codes, a Redis
 * connection that is closed. Such a failure would hit every message alike, so dead-lettering would only
 * flood the DLQ; the consumer waits for the dependency instead. Kept narrow on purpose: anything not
 * recognised here counts as a handler failure and is dead-lettered after the configured attempts.
 * The one classification of connection failures: the consumer waits on it instead of dead-lettering, and
 * PgSqlClient drops a pooled connection that failed this way instead of reusing it.
 */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
]);
/** SQLSTATE: admin/crash shutdown, cannot connect now, too many connections. Class 08 is checked by prefix. */
const POSTGRES_CODES = new Set(['57P01', '57P02', '57P03', '53300']);
/** Prisma: can't reach the server, timed out, server closed the connection, connection pool timeout. */
const PRISMA_CODES = new Set(['P1001', 'P1002', 'P1017', 'P2024']);
const MESSAGES = [
  /connection terminated/i,
  /can't reach database server/i,
  /the database system is (starting up|shutting down)/i,
  /connection is closed/i,
  /DatabaseNotReachable/,
  // node-postgres: no pool connection within connectionTimeoutMillis, a client whose connection broke
  /timeout exceeded when trying to connect/i,
  /not queryable/i,
];
const ERROR_NAMES = new Set(['MaxRetriesPerRequestError']);

export function isInfrastructureOutage(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 5) return false;
  const { code, name, message, cause, kind } = error as {
    code?: unknown;
    name?: unknown;
    message?: unknown;
    cause?: unknown;
    kind?: unknown;
  };
  if (typeof code === 'string') {
    if (NETWORK_CODES.has(code) || POSTGRES_CODES.has(code) || PRISMA_CODES.has(code) || /^08...$/.test(code)) {
      return true;
    }
  }
  if (typeof kind === 'string' && /NotReachable|ConnectionClosed|SocketTimeout|TooManyConnections/.test(kind)) {
    return true;
  }
  if (typeof name === 'string' && ERROR_NAMES.has(name)) return true;
  if (typeof message === 'string' && MESSAGES.some((pattern) => pattern.test(message))) return true;
  return isInfrastructureOutage(cause, depth + 1);
}

/**
 * SQLSTATE of a transaction that lost to a concurrent one: deadlock detected, serialization failure. Not the
 * message's fault and gone on the next try, so it never counts toward the dead-letter limit.
 */
const CONFLICT_CODES = new Set(['40P01', '40001']);

export function isTransactionConflict(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 5) return false;
  const { code, cause } = error as { code?: unknown; cause?: unknown };
  if (typeof code === 'string' && CONFLICT_CODES.has(code)) return true;
  return isTransactionConflict(cause, depth + 1);
}
