/** The raw-SQL surface every repository uses: PgSqlClient, its transactions, or a PrismaClient (tests). */
export interface SqlExecutor {
  $executeRawUnsafe(sql: string, ...values: unknown[]): Promise<number>;
  $queryRawUnsafe<T = unknown>(sql: string, ...values: unknown[]): Promise<T>;
}
