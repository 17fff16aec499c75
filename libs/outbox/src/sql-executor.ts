/**
 * The raw-SQL surface every repository uses: PgSqlClient or one of its transactions (tests adapt their
 * Prisma client to it). Values are always bound parameters ($1..$n), never spliced into the text.
 */
export interface SqlExecutor {
  /** Returns the number of affected rows. */
  execute(sql: string, ...values: unknown[]): Promise<number>;
  /** Returns the rows. */
  query<T = unknown>(sql: string, ...values: unknown[]): Promise<T>;
}
