import { FaultTiming } from './faults';
import { UnexpectedExit } from './fleet';
import { FaultCheckout, firstAcceptedAttemptAfter } from './load';
import { percentile } from './support';

export interface FaultWindow extends FaultTiming {
  name: string;
  /** The next fault's start (or the end of load): checkouts scheduled in [injectAt, endAt) belong to this fault. */
  endAt: number;
  /** The suite saw every instance ready and latency normal again before moving on. */
  settled: boolean;
}

export interface FaultResult {
  name: string;
  note?: string;
  checkouts: number;
  /** Never accepted, even after the client's retries. */
  refused: number;
  timeoutCancelled: number;
  otherCancelled: number;
  completed: number;
  /** From the restart command (or SIGCONT) to the first accepted checkout attempt sent after it. */
  firstAcceptedMs: number | null;
  /**
   * From the restart command until the last checkout of the window that was not normal had ended. Of a
   * settled window only checkouts scheduled before the settle check's last slice count: the ones scheduled
   * after it were still in flight when the next fault struck, and their delay is that fault's.
   */
  normalLatencyMs: number | null;
  /** The process answered ready / the component was healthy again, after the restart command. */
  backMs: number | null;
  p50Ms: number | null;
  p99Ms: number | null;
  maxMs: number | null;
  unexpectedExits: number;
  settled: boolean;
}

/** End-to-end: from the scheduled send (the customer's click) to the order's terminal state in order_db. */
export const endToEndMs = (r: FaultCheckout) =>
  r.terminalAt !== undefined ? Math.max(0, r.terminalAt - r.scheduledAt) : undefined;

export const NORMAL_MIN_MS = 1000;
/** A baseline slowed by the shared machine must not make a 30 s saga look normal. */
export const NORMAL_MAX_MS = 5000;

export function baselineP95Ms(baseline: readonly FaultCheckout[]): number | null {
  return percentile(
    baseline.map(endToEndMs).filter((v): v is number => v !== undefined),
    95,
  );
}

/** What counts as normal: twice the baseline p95, within [1 s, 5 s]. */
export function normalThresholdMs(baseline: readonly FaultCheckout[]): number {
  const p95 = baselineP95Ms(baseline) ?? 500;
  return Math.round(Math.min(NORMAL_MAX_MS, Math.max(NORMAL_MIN_MS, 2 * p95)));
}

export function isAbnormal(r: FaultCheckout, thresholdMs: number): boolean {
  if (!r.orderId) return true;
  if (r.failureReason === 'TIMEOUT') return true;
  const e2e = endToEndMs(r);
  return e2e === undefined || e2e > thresholdMs;
}

export function summarizeFault(
  window: FaultWindow,
  records: readonly FaultCheckout[],
  thresholdMs: number,
  exits: readonly UnexpectedExit[],
): FaultResult {
  const inWindow = records.filter((r) => r.scheduledAt >= window.injectAt && r.scheduledAt < window.endAt);
  const e2e = inWindow.map(endToEndMs).filter((v): v is number => v !== undefined);
  const first = firstAcceptedAttemptAfter(records, window.recoverAt);
  // settle() saw every checkout scheduled before this end normally: later ones run into the next fault
  const verifiedUntil = window.settled ? window.endAt - thresholdMs - 1000 : window.endAt;
  let lastAbnormalEnd: number | undefined;
  for (const r of inWindow) {
    if (r.scheduledAt >= verifiedUntil || !isAbnormal(r, thresholdMs)) continue;
    const end = r.terminalAt ?? r.attempts.at(-1)?.respondedAt ?? r.scheduledAt;
    lastAbnormalEnd = Math.max(lastAbnormalEnd ?? 0, end);
  }
  const round = (v: number | null | undefined) => (v === null || v === undefined ? null : Math.round(v));
  return {
    name: window.name,
    note: window.note,
    checkouts: inWindow.length,
    refused: inWindow.filter((r) => !r.orderId).length,
    timeoutCancelled: inWindow.filter((r) => r.failureReason === 'TIMEOUT').length,
    otherCancelled: inWindow.filter((r) => r.status === 'CANCELLED' && r.failureReason !== 'TIMEOUT').length,
    completed: inWindow.filter((r) => r.status === 'COMPLETED').length,
    firstAcceptedMs: round(first ? first.respondedAt - window.recoverAt : null),
    normalLatencyMs: round(lastAbnormalEnd === undefined ? 0 : Math.max(0, lastAbnormalEnd - window.recoverAt)),
    backMs: round(window.backAt === undefined ? null : window.backAt - window.recoverAt),
    p50Ms: round(percentile(e2e, 50)),
    p99Ms: round(percentile(e2e, 99)),
    maxMs: round(e2e.length > 0 ? Math.max(...e2e) : null),
    unexpectedExits: exits.filter((e) => e.at >= window.injectAt && e.at < window.endAt).length,
    settled: window.settled,
  };
}
