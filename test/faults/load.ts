import { systemClock } from '../../bench/src/load/clock';
import { runOpenLoop } from '../../bench/src/load/open-loop-scheduler';
import { CheckoutRecord } from '../../bench/src/measure/order-tracker';
import { PlatformApi } from '../../bench/src/platform/api-client';
import { CheckoutSource } from '../../bench/src/workload/checkout-mix';
import { now, sleep } from './support';

export interface Attempt {
  url: string;
  sentAt: number;
  respondedAt: number;
  status?: number;
  error?: string;
}

export interface FaultCheckout extends CheckoutRecord {
  idempotencyKey: string;
  attempts: Attempt[];
  /** Every orderId the service answered for this key: more than one is a duplicate order. */
  orderIdsSeen: Set<string>;
  /** Filled after the run from order_db. */
  status?: string;
  failureReason?: string | null;
  terminalAt?: number;
  /** The key exists in order_db although no attempt got an answer (the order was taken, the reply lost). */
  acceptedUnanswered?: boolean;
}

export interface LoadOptions {
  ratePerSec: number;
  /** One attempt's limit: a frozen service must not hold a client forever. */
  requestTimeoutMs: number;
  /** Retries with the same idempotency key until this long after the scheduled time. */
  retryForMs: number;
  retryBackoffMs: number;
}

const RETRYABLE = new Set([408, 429, 500, 502, 503, 504]);

/**
 * Open-loop checkouts (the bench's scheduler and checkout mix) spread over the order instances, each retried
 * from the client side with its idempotency key on transport errors, timeouts and 5xx, on the next instance.
 */
export class CheckoutLoad {
  readonly records: FaultCheckout[] = [];
  private stopped = false;
  private running?: Promise<void>;
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly runId: string,
    private readonly api: PlatformApi,
    private readonly orderUrls: () => string[],
    private readonly source: CheckoutSource,
    private readonly options: LoadOptions,
  ) {}

  start(phase: () => string): void {
    const intervalMs = 1000 / this.options.ratePerSec;
    this.running = (async () => {
      while (!this.stopped) {
        await runOpenLoop(systemClock, { ratePerSec: this.options.ratePerSec, durationSec: 1 }, (_, scheduledAt) =>
          this.fire(scheduledAt, phase()),
        );
        await sleep(intervalMs);
      }
    })();
  }

  /** Stops sending and waits for every checkout's last attempt. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.running;
    await Promise.all([...this.pending]);
  }

  private fire(scheduledAt: number, phase: string): void {
    const plan = this.source.next();
    const index = this.records.length;
    const record: FaultCheckout = {
      index,
      phase,
      plan,
      scheduledAt,
      sentAt: now(),
      idempotencyKey: `${this.runId}-${index}`,
      attempts: [],
      orderIdsSeen: new Set(),
    };
    this.records.push(record);
    const work = this.place(record);
    this.pending.add(work);
    void work.finally(() => this.pending.delete(work));
  }

  private async place(record: FaultCheckout): Promise<void> {
    const body = JSON.stringify(
      record.plan.couponId
        ? { items: record.plan.items, couponId: record.plan.couponId }
        : { items: record.plan.items },
    );
    const headers = {
      authorization: `Bearer ${this.api.token(record.plan.userId, 'customer')}`,
      'content-type': 'application/json',
      'idempotency-key': record.idempotencyKey,
    };
    const giveUpAt = record.scheduledAt + this.options.retryForMs;
    for (let n = 0; ; n++) {
      const urls = this.orderUrls();
      const url = urls[(record.index + n) % urls.length];
      const attempt: Attempt = { url, sentAt: now(), respondedAt: 0 };
      record.attempts.push(attempt);
      try {
        const response = await fetch(`${url}/orders`, {
          method: 'POST',
          headers,
          body,
          signal: AbortSignal.timeout(this.options.requestTimeoutMs),
        });
        const text = await response.text();
        attempt.respondedAt = now();
        attempt.status = response.status;
        record.httpStatus = response.status;
        record.respondedAt = attempt.respondedAt;
        const orderId = parseOrderId(text);
        if (response.status >= 200 && response.status < 300 && orderId) {
          record.orderIdsSeen.add(orderId);
          record.orderId ??= orderId;
          record.error = undefined;
          return;
        }
        record.error = `HTTP ${response.status} ${text.slice(0, 200)}`;
        if (!RETRYABLE.has(response.status)) return;
      } catch (error) {
        attempt.respondedAt = now();
        attempt.error = `${(error as Error).name}: ${(error as Error).message}`;
        record.respondedAt = attempt.respondedAt;
        record.error = attempt.error;
      }
      if (now() + this.options.retryBackoffMs > giveUpAt || this.stopped) return;
      await sleep(this.options.retryBackoffMs);
    }
  }
}

function parseOrderId(text: string): string | undefined {
  try {
    const orderId = (JSON.parse(text) as { orderId?: unknown }).orderId;
    return typeof orderId === 'string' ? orderId : undefined;
  } catch {
    return undefined;
  }
}

/** The first attempt sent at or after `t` that was accepted: when checkout worked again. */
export function firstAcceptedAttemptAfter(records: readonly FaultCheckout[], t: number): Attempt | undefined {
  let first: Attempt | undefined;
  for (const record of records) {
    if (record.scheduledAt > t + 60_000) continue;
    for (const attempt of record.attempts) {
      if (attempt.sentAt < t || attempt.status === undefined || attempt.status < 200 || attempt.status >= 300) continue;
      if (!first || attempt.respondedAt < first.respondedAt) first = attempt;
    }
  }
  return first;
}
