import { AsyncResource } from 'node:async_hooks';
import type { Envelope } from '@saga/contracts';
import { AdmittedOutcome, allocateUnits } from '../../domain';
import { IssueRequestKey, IssueRequestRepository, UnitOfWork } from '../ports';

interface Waiting {
  key: IssueRequestKey;
  /** Written to the outbox when the request is issued. */
  issued: Envelope;
  /** The caller's async context: its event is appended there, so the outbox row carries the caller's trace. */
  scope: AsyncResource;
  resolve(outcome: AdmittedOutcome): void;
  reject(error: unknown): void;
}

const idOf = ({ couponId, userId }: IssueRequestKey) => `${couponId}\u0000${userId}`;

/**
 * Issues admitted requests with group commit: requests that arrive while a transaction commits wait and
 * go together in the next one: their coupons locked, each decided in admission order against the
 * database (allocateUnits), the decisions written with one statement and the CouponIssued events with one
 * outbox insert. A burst costs a few transactions instead of one per request. Nothing waits for a timer:
 * a lone request is written at once. Each caller's promise settles only after the commit that holds its
 * request, so an answer of ISSUED means committed. A batch that fails is written again one request per
 * transaction: one bad request fails only itself.
 */
export class AdmittedRequestIssuer<Tx> {
  private readonly queue: Waiting[] = [];
  private draining = false;
  /** Created outside any request: transactions belong to no caller's trace or ambient transaction. */
  private readonly root = new AsyncResource('AdmittedRequestIssuer');

  constructor(
    private readonly uow: UnitOfWork<Tx>,
    private readonly requests: IssueRequestRepository<Tx>,
    private readonly maxBatch = 200,
  ) {}

  issue(key: IssueRequestKey, issued: Envelope): Promise<AdmittedOutcome> {
    return new Promise<AdmittedOutcome>((resolve, reject) => {
      this.queue.push({ key, issued, scope: new AsyncResource('AdmittedRequest'), resolve, reject });
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

  /** Up to maxBatch waiting requests, at most one per (coupon, user): the decision reads a pair once. */
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
      const outcomes = await this.write(batch);
      batch.forEach((waiting, i) => waiting.resolve(outcomes[i]!));
    } catch (error) {
      if (batch.length === 1) return batch[0]!.reject(error);
      for (const waiting of batch) {
        await this.write([waiting]).then(
          ([outcome]) => waiting.resolve(outcome!),
          (alone: unknown) => waiting.reject(alone),
        );
      }
    }
  }

  private async write(batch: Waiting[]): Promise<AdmittedOutcome[]> {
    return this.uow.run(async (tx, outbox) => {
      const keys = batch.map((waiting) => waiting.key);
      const { unitsLeft, settled } = await this.requests.lockForIssue(tx, keys);
      const settledIds = new Set(settled.map(idOf));
      const outcomes = allocateUnits(keys, unitsLeft, (key) => settledIds.has(idOf(key)));
      await this.requests.recordDecisions(
        tx,
        keys.filter((_, i) => outcomes[i] === 'issued'),
        keys.filter((_, i) => outcomes[i] === 'sold_out'),
      );
      for (const [i, waiting] of batch.entries()) {
        if (outcomes[i] === 'issued') await waiting.scope.runInAsyncScope(() => outbox.append(waiting.issued));
      }
      return outcomes;
    });
  }
}
