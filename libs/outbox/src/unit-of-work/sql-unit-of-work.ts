import { AsyncLocalStorage } from 'node:async_hooks';
import { Envelope } from '@saga/contracts';
import { SqlExecutor } from '../sql-executor';
import { OutboxRow } from '../writer/outbox-row';
import { OutboxWriter } from '../writer/outbox-writer';
import { OutboxAppender, UnitOfWork } from './unit-of-work';

export type IsolationLevel = 'ReadUncommitted' | 'ReadCommitted' | 'RepeatableRead' | 'Serializable';

export interface TransactionOptions {
  maxWait?: number;
  timeout?: number;
  isolationLevel?: IsolationLevel;
}

/** The part of a client this needs: interactive transactions (PgSqlClient, or a PrismaClient in tests). */
export interface TransactionalClient<TTx> {
  $transaction<R>(fn: (tx: TTx) => Promise<R>, options?: TransactionOptions): Promise<R>;
}

export interface SqlUnitOfWorkOptions {
  service: string;
  /** Called once after a transaction that appended events committed: wake the in-process relay. */
  onCommitted?: () => void;
  /**
   * Pass the in-process relay's `notifyId` together with `onCommitted: () => relay.wake()`: that
   * relay then ignores the NOTIFY of these commits (it was already woken), one fetch fewer per commit.
   */
  notifyPayload?: string;
  /**
   * Per-transaction limits for clients that take them per call (a PrismaClient in tests). PgSqlClient
   * enforces its own pool-wide equivalents (idleInTransactionTimeoutMs, connectionTimeoutMs) instead.
   */
  timeoutMs?: number;
  maxWaitMs?: number;
  isolationLevel?: IsolationLevel;
  /** Prepended to every topic; for isolating test runs only. */
  topicPrefix?: string;
}

interface Ambient<TTx> {
  tx: TTx;
  outbox: OutboxAppender;
}

export class SqlUnitOfWork<TTx extends SqlExecutor> implements UnitOfWork<TTx> {
  /** Per instance: two units of work on two databases never join each other's transactions. */
  private readonly ambient = new AsyncLocalStorage<Ambient<TTx>>();
  private readonly writer: OutboxWriter;

  constructor(
    private readonly client: TransactionalClient<TTx>,
    private readonly options: SqlUnitOfWorkOptions,
  ) {
    this.writer = new OutboxWriter({
      service: options.service,
      topicPrefix: options.topicPrefix,
      notifyPayload: options.notifyPayload,
    });
  }

  /** True inside run(): lets callers assert they are part of a transaction. */
  get inTransaction(): boolean {
    return this.ambient.getStore() !== undefined;
  }

  async run<T>(work: (tx: TTx, outbox: OutboxAppender) => Promise<T>): Promise<T> {
    const joined = this.ambient.getStore();
    if (joined) return work(joined.tx, joined.outbox);

    let appended = false;
    const result = await this.client.$transaction(
      (tx) => {
        const rows: OutboxRow[] = [];
        const scope: Ambient<TTx> = {
          tx,
          outbox: {
            append: async (...events: Envelope[]) => {
              if (events.length === 0) return;
              appended = true;
              // the trace context is taken here, from the caller; the rows go in later
              const appending = this.writer.rowsOf(events);
              if (!tx.beforeCommit) return this.writer.insert(tx, appending);
              // A transaction's events (every message of a shared batch) go in with one statement, sent
              // with the COMMIT where the transaction can: one round trip fewer per transaction.
              if (rows.length === 0) tx.beforeCommit(async () => this.flush(tx, rows.splice(0)));
              rows.push(...appending);
            },
          },
        };
        return this.ambient.run(scope, () => work(tx, scope.outbox));
      },
      {
        timeout: this.options.timeoutMs ?? 15_000,
        maxWait: this.options.maxWaitMs ?? 5_000,
        isolationLevel: this.options.isolationLevel,
      },
    );
    if (appended) this.options.onCommitted?.();
    return result;
  }

  private async flush(tx: TTx, rows: OutboxRow[]): Promise<void> {
    if (!tx.withCommit) return this.writer.insert(tx, rows);
    const { sql, values } = this.writer.insertStatement(rows);
    tx.withCommit(sql, ...values);
  }
}
