import type { Logger } from 'pino';
import { SqlExecutor } from '../sql-executor';

export interface OutboxCleanerOptions {
  db: SqlExecutor;
  logger: Logger;
  /** Published outbox rows older than this are deleted. */
  retentionHours: number;
  /**
   * Inbox rows older than this are deleted. Must exceed the longest time a message can be redelivered
   * (topic retention, DLQ replay window), or a late duplicate would act twice. Default 8 days.
   */
  inboxRetentionHours?: number;
  /** Rows per DELETE statement: short statements, short locks. Default 500. */
  batchSize?: number;
  /** Default 60 s. */
  intervalMs?: number;
}

/**
 * Deletes old published outbox rows and old inbox records in small batches. Safe with N instances:
 * SKIP LOCKED lets concurrent cleaners split the work instead of waiting on each other.
 */
export class OutboxCleaner {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(private readonly options: OutboxCleanerOptions) {}

  start(): void {
    if (this.timer) return;
    const tick = () => {
      this.running = this.cleanOnce().catch((error) =>
        this.options.logger.warn({ err: error }, 'outbox cleanup failed; will retry next interval'),
      );
    };
    this.timer = setInterval(tick, this.options.intervalMs ?? 60_000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** One full pass; returns how many rows were deleted from each table. */
  async cleanOnce(): Promise<{ outbox: number; inbox: number }> {
    const outbox = await this.deleteInBatches(
      `DELETE FROM outbox_message WHERE id IN (
         SELECT id FROM outbox_message
          WHERE published_at IS NOT NULL AND published_at < now() - make_interval(secs => $1::float8 * 3600)
          ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED)`,
      this.options.retentionHours,
    );
    const inbox = await this.deleteInBatches(
      `DELETE FROM processed_message WHERE (consumer_group, event_id) IN (
         SELECT consumer_group, event_id FROM processed_message
          WHERE processed_at < now() - make_interval(secs => $1::float8 * 3600)
          LIMIT $2 FOR UPDATE SKIP LOCKED)`,
      this.options.inboxRetentionHours ?? 8 * 24,
    );
    if (outbox + inbox > 0) this.options.logger.info({ outbox, inbox }, 'outbox cleanup deleted rows');
    return { outbox, inbox };
  }

  private async deleteInBatches(sql: string, hours: number): Promise<number> {
    const batchSize = this.options.batchSize ?? 500;
    let total = 0;
    for (;;) {
      const deleted = await this.options.db.execute(sql, hours, batchSize);
      total += deleted;
      if (deleted < batchSize) return total;
    }
  }
}
