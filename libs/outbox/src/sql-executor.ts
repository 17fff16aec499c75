/**
 * The raw-SQL surface every repository uses: PgSqlClient or one of its transactions (tests adapt their
 * Prisma client to it). Values are always bound parameters ($1..$n), never spliced into the text.
 */
export interface SqlExecutor {
  /** Returns the number of affected rows. */
  execute(sql: string, ...values: unknown[]): Promise<number>;
  /** Returns the rows. */
  query<T = unknown>(sql: string, ...values: unknown[]): Promise<T>;
  /**
   * Inside a transaction (PgTransaction): runs `work` once the transaction's work is done, before COMMIT,
   * in registration order; a failure rolls the transaction back. Lets a store gather the rows of many
   * calls into one statement. Absent outside a transaction.
   */
  beforeCommit?(work: () => Promise<void>): void;
  /**
   * Inside a transaction (PgTransaction): `sql` is the transaction's last statement, sent in the same
   * round trip as COMMIT (after every beforeCommit hook) when its values can be inlined safely; a failure
   * rolls the transaction back. Statements registered this way run in registration order.
   */
  withCommit?(sql: string, ...values: unknown[]): void;
  /**
   * Inside a transaction (PgTransaction): a statement whose result nobody reads, sent ahead of the
   * transaction's next statement (or its COMMIT) in the same round trip when its values can be inlined
   * safely, else run at once. The server runs it first, with its own snapshot; its failure fails that
   * next statement, and so the transaction.
   */
  defer?(sql: string, ...values: unknown[]): Promise<void>;
}

/** `executor.defer` where the executor has it (a PgTransaction), `execute` elsewhere. */
export async function executeDeferred(executor: SqlExecutor, sql: string, ...values: unknown[]): Promise<void> {
  if (executor.defer) await executor.defer(sql, ...values);
  else await executor.execute(sql, ...values);
}
