import type { Consumer } from 'kafkajs';
import type { Logger } from 'pino';

type Commit = { topic: string; partition: number; offset: string };

/**
 * Commits the offsets of handled messages on a timer instead of after every message (kafkajs'
 * autoCommit sends an OffsetCommit per fetched batch, which at moderate rates is one per message).
 * Only messages whose handling finished are committed; a crash, a rebalance or a failed commit
 * redelivers what was not committed yet, and the inbox (processed_message) skips it.
 */
export class OffsetCommitter {
  private readonly pending = new Map<string, Commit>();
  private timer: NodeJS.Timeout | null = null;
  private inFlight = 0;
  private idle: (() => void) | null = null;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly consumer: Pick<Consumer, 'commitOffsets'>,
    private readonly intervalMs: number,
    private readonly logger: Logger,
  ) {}

  /**
   * Runs the handling of messages of one partition; `handle` resolves with the offset of the last message
   * it finished (null: none), which then becomes committable.
   */
  async track(topic: string, partition: number, handle: () => Promise<string | null>): Promise<void> {
    this.inFlight++;
    try {
      const offset = await handle();
      if (offset === null) return;
      this.pending.set(`${topic}:${partition}`, { topic, partition, offset: (BigInt(offset) + 1n).toString() });
      this.schedule();
    } catch (error) {
      // kafkajs restarts the consumer from the committed offsets: commit what did finish first
      await this.flush();
      throw error;
    } finally {
      if (--this.inFlight === 0) this.idle?.();
    }
  }

  /** After a rebalance: forget offsets of partitions this member no longer owns. */
  keepOnly(assignment: Record<string, number[]>): void {
    for (const [key, commit] of this.pending) {
      if (!assignment[commit.topic]?.includes(commit.partition)) this.pending.delete(key);
    }
  }

  /** Waits for in-flight messages, then commits everything handled (call after pausing the consumer). */
  async drain(): Promise<void> {
    if (this.inFlight > 0) await new Promise<void>((resolve) => (this.idle = resolve));
    this.idle = null;
    await this.flush();
  }

  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.flushing = this.flushing.then(() => this.commitPending());
    return this.flushing;
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => void this.flush(), this.intervalMs);
    this.timer.unref();
  }

  private async commitPending(): Promise<void> {
    if (this.pending.size === 0) return;
    const offsets = [...this.pending.values()];
    this.pending.clear();
    try {
      await this.consumer.commitOffsets(offsets);
    } catch (error) {
      // e.g. a rebalance in progress; the messages are redelivered and deduplicated
      this.logger.warn({ err: error, offsets }, 'offset commit failed; uncommitted messages will be redelivered');
    }
  }
}
