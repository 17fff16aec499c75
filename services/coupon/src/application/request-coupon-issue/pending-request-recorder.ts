import { AsyncResource } from 'node:async_hooks';
import type { Envelope } from '@saga/contracts';
import { IssueRequestKey, IssueRequestRepository, UnitOfWork } from '../ports';

interface Waiting {
  key: IssueRequestKey;
  event: Envelope;
  /** The caller's async context: its event is appended there, so the outbox row carries the caller's trace. */
  scope: AsyncResource;
  resolve(recorded: boolean): void;
  reject(error: unknown): void;
}

const idOf = ({ couponId, userId }: IssueRequestKey) => `${couponId}\u0000${userId}`;

/**
 * Group commit for admitted issue requests: requests that arrive while a transaction commits wait and
 * go together in the next one (one multi-row insert, the events in the same transaction's outbox), so
 * a burst costs a few transactions instead of one per request and leaves the connection pool to the
 * issuing consumer and the relay. Nothing waits for a timer: a lone request is written at once. Each
 * caller's promise settles only after the commit that holds its request, so a 202 still means recorded.
 * A batch that fails is written again one request per transaction: one bad request fails only itself.
 */
export class PendingRequestRecorder<Tx> {
  private readonly queue: Waiting[] = [];
  private draining = false;
  /** Created outside any request: transactions belong to no caller's trace or ambient transaction. */
  private readonly root = new AsyncResource('PendingRequestRecorder');

  constructor(
    private readonly uow: UnitOfWork<Tx>,
    private readonly requests: IssueRequestRepository<Tx>,
    private readonly maxBatch = 200,
  ) {}

  /** true when recorded PENDING (with its event in the outbox), false when the DB already has the request. */
  record(key: IssueRequestKey, event: Envelope): Promise<boolean> {
    return new Promise<boolean>((resolve, reject) => {
      this.queue.push({ key, event, scope: new AsyncResource('PendingRequest'), resolve, reject });
      if (!this.draining) this.root.runInAsyncScope(() => void this.drain());
    });
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.queue.length > 0) await this.flush(this.take());
    } finally {
      this.draining = false;
    }
  }

  /** Up to maxBatch waiting requests, at most one per (coupon, user): a multi-row upsert touches a row once. */
  private take(): Waiting[] {
    const batch: Waiting[] = [];
    const ids = new Set<string>();
    for (let i = 0; i < this.queue.length && batch.length < this.maxBatch;) {
      const id = idOf(this.queue[i]!.key);
      if (ids.has(id)) {
        i++;
        continue;
      }
      ids.add(id);
      batch.push(...this.queue.splice(i, 1));
    }
    return batch;
  }

  private async flush(batch: Waiting[]): Promise<void> {
    try {
      const recorded = await this.write(batch);
      for (const waiting of batch) waiting.resolve(recorded.has(idOf(waiting.key)));
    } catch (error) {
      if (batch.length === 1) return batch[0]!.reject(error);
      for (const waiting of batch) {
        await this.write([waiting]).then(
          (recorded) => waiting.resolve(recorded.size === 1),
          (alone: unknown) => waiting.reject(alone),
        );
      }
    }
  }

  private async write(batch: Waiting[]): Promise<Set<string>> {
    return this.uow.run(async (tx, outbox) => {
      const recorded = new Set(
        (
          await this.requests.recordPending(
            tx,
            batch.map((waiting) => waiting.key),
          )
        ).map(idOf),
      );
      for (const waiting of batch) {
        if (recorded.has(idOf(waiting.key))) await waiting.scope.runInAsyncScope(() => outbox.append(waiting.event));
      }
      return recorded;
    });
  }
}
