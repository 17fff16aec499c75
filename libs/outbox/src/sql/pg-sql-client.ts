import { createHash } from 'node:crypto';
import { context, ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { DatabaseAttributes, SpanNames, withSpan } from '@saga/telemetry';
import { Pool, PoolClient, QueryConfig, QueryResult, types } from 'pg';
import { isInfrastructureOutage } from '../infrastructure-outage';
import { isInlinable } from './inline-parameters';
import { handlePoolErrors } from './pool-errors';
import {
  ConnectionStatements,
  InlineStatements,
  PendingStatement,
  PreparableTexts,
  StatementRenderer,
} from './prepared-statements';
import { SqlExecutor } from '../sql-executor';
import { TransactionalClient, TransactionOptions } from '../unit-of-work/sql-unit-of-work';

export interface PgSqlClientOptions {
  connectionString: string;
  /** Connections in the pool. */
  max: number;
  applicationName?: string;
  /** Longest wait for a free connection before a query or transaction fails (an outage error). Default 5000. */
  connectionTimeoutMs?: number;
  /**
   * The server ends a session that stays idle inside a transaction this long, so a stuck caller
   * cannot hold row locks forever (Prisma's interactive-transaction timeout, enforced server side).
   * Default 15000.
   */
  idleInTransactionTimeoutMs?: number;
  /** Errors of broken connections (server restart, network cut); they never end the process. */
  onConnectionError?: (error: Error) => void;
  /**
   * Statements run as prepared statements on each connection (default true): parsed and planned once
   * per connection instead of on every execution. Turn off behind a pooler that does not keep
   * prepared statements across transactions (PgBouncer in transaction mode before 1.21).
   */
  preparedStatements?: boolean;
}

const INT8_OID = 20;

/** Same value shapes as Prisma's raw queries: BIGINT as bigint, timestamps as Date, json parsed. */
const RESULT_TYPES = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID
      ? (value: string) => BigInt(value)
      : types.getTypeParser(oid, format)) as typeof types.getTypeParser,
};

const ISOLATION_SQL: Record<NonNullable<TransactionOptions['isolationLevel']>, string> = {
  ReadUncommitted: 'READ UNCOMMITTED',
  ReadCommitted: 'READ COMMITTED',
  RepeatableRead: 'REPEATABLE READ',
  Serializable: 'SERIALIZABLE',
};

const statementNames = new Map<string, string>();
/** Past this many distinct texts (SQL built with inlined values?) statements run unnamed. */
const MAX_NAMED_STATEMENTS = 1000;

/**
 * Every statement runs as a named prepared statement (named by a hash of its text), so each pooled
 * connection parses and plans it once instead of on every execution. The repositories' SQL is a
 * small fixed set of texts with the values in parameters, so the set of names stays bounded.
 */
function statementName(sql: string): string | undefined {
  let name = statementNames.get(sql);
  if (!name) {
    if (statementNames.size >= MAX_NAMED_STATEMENTS) return undefined;
    name = `s_${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`;
    statementNames.set(sql, name);
  }
  return name;
}

function run(
  target: Pool | PoolClient,
  sql: string,
  values: readonly unknown[],
  prepared: boolean,
): Promise<QueryResult> {
  return target.query({
    name: prepared ? statementName(sql) : undefined,
    text: sql,
    values: values as unknown[],
    types: RESULT_TYPES,
  });
}

const tracer = trace.getTracer('@saga/outbox');

/**
 * BEGIN / COMMIT / ROLLBACK run outside the active trace context, so the pg instrumentation
 * (requireParentSpan) records no span for them: the transaction is one span with its statements
 * as children instead of two extra spans per transaction.
 */
const untraced = <T>(fn: () => Promise<T>): Promise<T> => context.with(ROOT_CONTEXT, fn);

/**
 * One transaction's connection; the same raw-SQL surface as the pool. node-postgres cannot pipeline, and
 * every round trip costs a socket write and a wake-up on each side, so statements travel together where
 * their parameters can be inlined safely (simple protocol, one message): BEGIN with the first statement
 * (a handled message's first statement is the inbox insert), deferred statements with the next one, the
 * withCommit statements with COMMIT. A transaction that ran no statement sends nothing.
 */
export class PgTransaction implements SqlExecutor {
  /** Set when the first message (the one with BEGIN) is sent; resolves, never rejects, once it is answered. */
  private begun: Promise<void> | null = null;
  /** Resolves `begun`; taken by the message that carries BEGIN. */
  private answered: (() => void) | null = null;
  private readonly commitHooks: (() => Promise<void>)[] = [];
  private readonly lastStatements: PendingStatement[] = [];
  /** Statements waiting for the next message. */
  private readonly deferred: PendingStatement[] = [];

  constructor(
    private readonly client: PoolClient,
    private readonly beginSql: string,
    private readonly statements: StatementRenderer,
    private readonly prepared: boolean,
  ) {}

  get started(): boolean {
    return this.begun !== null;
  }

  beforeCommit(work: () => Promise<void>): void {
    this.commitHooks.push(work);
  }

  withCommit(sql: string, ...values: unknown[]): void {
    this.lastStatements.push({ sql, values });
  }

  async defer(sql: string, ...values: unknown[]): Promise<void> {
    if (isInlinable(sql, values)) this.deferred.push({ sql, values });
    else await this.send(sql, values);
  }

  /** The beforeCommit work (including work registered by work that ran before it), then COMMIT. */
  async commit(): Promise<void> {
    for (let i = 0; i < this.commitHooks.length; i++) await this.commitHooks[i]!();
    const last = this.lastStatements;
    if (!last.every(({ sql, values }) => isInlinable(sql, values))) {
      for (const { sql, values } of last) await this.send(sql, values);
    } else if (last.length > 0 || this.deferred.length > 0) {
      // an error skips the rest, COMMIT included, and the caller rolls back
      const statements = [...(await this.opening()), ...last, 'COMMIT'];
      await untraced(() => this.simple(statements));
      return;
    }
    if (this.begun) {
      await this.begun;
      await untraced(() => this.client.query('COMMIT'));
    }
  }

  async query<T = unknown>(sql: string, ...values: unknown[]): Promise<T> {
    return (await this.send(sql, values)).rows as T;
  }

  async execute(sql: string, ...values: unknown[]): Promise<number> {
    return (await this.send(sql, values)).rowCount ?? 0;
  }

  private async send(sql: string, values: readonly unknown[]): Promise<QueryResult> {
    const beginning = this.begun === null;
    const opening = await this.opening();
    if (opening.length === 0) return run(this.client, sql, values, this.prepared);
    if (!isInlinable(sql, values)) {
      // BEGIN alone is not worth a span; deferred statements are the caller's work
      const sendOpening = () => this.simple(opening);
      await (beginning && opening.length === 1 ? untraced(sendOpening) : sendOpening());
      return run(this.client, sql, values, this.prepared);
    }
    // the result of the last statement is the caller's
    const results = await this.simple([...opening, { sql, values }]);
    return results[results.length - 1]!;
  }

  /**
   * What must precede the next statement: BEGIN if nothing was sent yet, then the deferred statements
   * (taken). Waits for the first message's answer when it was already sent.
   */
  private async opening(): Promise<(string | PendingStatement)[]> {
    const deferred = this.deferred.splice(0);
    if (this.begun) {
      await this.begun;
      return deferred;
    }
    let answered!: () => void;
    this.begun = new Promise<void>((resolve) => (answered = resolve));
    this.answered = answered;
    return [this.beginSql, ...deferred];
  }

  /**
   * Statements in one simple-protocol message; one result per statement (a PREPARE adds one, which is
   * dropped: the results line up with `statements`).
   */
  private async simple(statements: (string | PendingStatement)[]): Promise<QueryResult[]> {
    const answered = this.answered;
    this.answered = null;
    const texts = statements.map((statement) =>
      typeof statement === 'string' ? statement : this.statements.render(statement)!,
    );
    try {
      const result = (await this.client.query({ text: texts.join('; '), types: RESULT_TYPES } as QueryConfig)) as
        QueryResult | QueryResult[];
      this.statements.answered(false);
      const results = Array.isArray(result) ? result : [result];
      return results.filter((one) => one.command !== 'PREPARE');
    } catch (error) {
      this.statements.answered(true);
      throw error;
    } finally {
      answered?.();
    }
  }
}

export class PgSqlClient implements SqlExecutor, TransactionalClient<PgTransaction> {
  private readonly pool: Pool;
  private readonly database: string;
  private readonly prepared: boolean;
  private readonly preparable = new PreparableTexts();
  /** Per pooled connection: which statements it has prepared. */
  private readonly renderers = new WeakMap<PoolClient, StatementRenderer>();

  constructor(options: PgSqlClientOptions) {
    this.database = new URL(options.connectionString).pathname.slice(1);
    this.prepared = options.preparedStatements ?? true;
    this.pool = new Pool({
      connectionString: options.connectionString,
      max: options.max,
      application_name: options.applicationName,
      connectionTimeoutMillis: options.connectionTimeoutMs ?? 5_000,
      idle_in_transaction_session_timeout: options.idleInTransactionTimeoutMs ?? 15_000,
    });
    // a pooled connection that dies (server restart), idle or inside a transaction, must not end the process
    handlePoolErrors(this.pool, options.onConnectionError);
  }

  async query<T = unknown>(sql: string, ...values: unknown[]): Promise<T> {
    return (await run(this.pool, sql, values, this.prepared)).rows as T;
  }

  async execute(sql: string, ...values: unknown[]): Promise<number> {
    return (await run(this.pool, sql, values, this.prepared)).rowCount ?? 0;
  }

  $transaction<R>(work: (tx: PgTransaction) => Promise<R>, options?: TransactionOptions): Promise<R> {
    if (!trace.getSpan(context.active())) return this.runTransaction(work, options);
    const attributes = { [DatabaseAttributes.system]: 'postgresql', [DatabaseAttributes.namespace]: this.database };
    return withSpan(SpanNames.transaction(this.database), { attributes, tracer }, () =>
      this.runTransaction(work, options),
    );
  }

  private async runTransaction<R>(work: (tx: PgTransaction) => Promise<R>, options?: TransactionOptions): Promise<R> {
    const client = await this.pool.connect();
    const renderer = this.rendererOf(client);
    // a connection whose ROLLBACK failed, or that failed at the network level, is not reused
    let broken = false;
    try {
      const isolation = options?.isolationLevel ? ` ISOLATION LEVEL ${ISOLATION_SQL[options.isolationLevel]}` : '';
      const tx = new PgTransaction(client, `BEGIN${isolation}`, renderer, this.prepared);
      let result: R;
      try {
        result = await work(tx);
        await tx.commit();
      } catch (error) {
        // also after a failed COMMIT message: a statement sent with it may have left the transaction aborted
        if (tx.started) {
          await untraced(() => client.query('ROLLBACK')).catch(() => {
            broken = true;
          });
        }
        throw error;
      }
      return result;
    } catch (error) {
      broken ||= isInfrastructureOutage(error);
      throw error;
    } finally {
      // texts sent for the first time are prepared now, once per pool (no transaction is open)
      if (!broken) await renderer.tryPending((sql) => untraced(() => client.query(sql))).catch(() => (broken = true));
      client.release(broken);
    }
  }

  private rendererOf(client: PoolClient): StatementRenderer {
    let renderer = this.renderers.get(client);
    if (!renderer) {
      const escape = (text: string) => client.escapeLiteral(text);
      renderer = this.prepared ? new ConnectionStatements(this.preparable, escape) : new InlineStatements(escape);
      this.renderers.set(client, renderer);
    }
    return renderer;
  }

  /** Opens one connection so a wrong URL or a down server fails at start-up, not on the first message. */
  async $connect(): Promise<void> {
    const client = await this.pool.connect();
    client.release();
  }

  async $disconnect(): Promise<void> {
    await this.pool.end().catch(() => undefined);
  }
}
