import { WindowStats } from './timeline';
import { PhaseSummary } from './phase-summary';

export interface SustainabilityVerdict {
  sustainable: boolean;
  reasons: string[];
}

export interface SustainabilityLimits {
  maxErrorShare: number;
  /** share of sends more than 10 ms late */
  maxLateShare: number;
  /** any send later than this means the generator stalled */
  maxLatenessMs: number;
  maxTimeoutShare: number;
  /** backlog allowed at the end of the step, in seconds of arrivals */
  maxBacklogSec: number;
  /** p99 of the last third may exceed the middle third's by this factor (or maxP99GrowthMs) */
  maxP99Growth: number;
  maxP99GrowthMs: number;
  minThroughputShare: number;
}

export const DEFAULT_LIMITS: SustainabilityLimits = {
  maxErrorShare: 0.01,
  // On 2 cores shared with the platform the generator is often descheduled for 10-50 ms; latency is
  // measured from the scheduled time, so short lateness costs no accuracy. Only a stall or a
  // systematic lag (which would lower the offered rate) invalidates a step.
  maxLateShare: 0.05,
  maxLatenessMs: 500,
  maxTimeoutShare: 0.001,
  maxBacklogSec: 2,
  maxP99Growth: 1.5,
  maxP99GrowthMs: 50,
  minThroughputShare: 0.9,
};

/**
 * A rate is sustainable when the platform keeps up for the whole step: no errors, no timeouts,
 * backlog of in-flight sagas bounded, p99 flat from the middle to the end of the step (a queue that
 * grows shows up as a rising p99 and backlog long before anything fails), and the generator itself
 * kept its schedule (otherwise the step measured the bench, not the platform).
 */
export function judgeSustainability(
  summary: PhaseSummary,
  windows: readonly WindowStats[],
  limits: SustainabilityLimits = DEFAULT_LIMITS,
): SustainabilityVerdict {
  const reasons: string[] = [];
  const share = (n: number) => (summary.sent === 0 ? 0 : n / summary.sent);
  if (share(summary.httpErrors) > limits.maxErrorShare)
    reasons.push(`HTTP errors ${summary.httpErrors}/${summary.sent}`);
  if (share(summary.lateSends) > limits.maxLateShare || summary.maxLatenessMs > limits.maxLatenessMs)
    reasons.push(`generator fell behind: ${summary.lateSends} late sends (max ${summary.maxLatenessMs} ms)`);
  if (share(summary.timeouts) > limits.maxTimeoutShare)
    reasons.push(`${summary.timeouts} sagas timed out or never ended`);
  if (summary.conflictingTerminals > 0)
    reasons.push(`${summary.conflictingTerminals} orders both completed and cancelled`);

  const third = Math.floor(windows.length / 3);
  if (third >= 2) {
    const middle = windows.slice(third, 2 * third);
    const last = windows.slice(2 * third);
    const endBacklog = last[last.length - 1].inFlight;
    const allowedBacklog = Math.max(20, summary.targetRate * limits.maxBacklogSec);
    if (endBacklog > allowedBacklog)
      reasons.push(`backlog of ${endBacklog} in-flight sagas at the end (allowed ${allowedBacklog})`);
    const middleP99 = medianOf(middle.map((w) => w.sagaP99));
    const lastP99 = medianOf(last.map((w) => w.sagaP99));
    if (lastP99 > Math.max(middleP99 * limits.maxP99Growth, middleP99 + limits.maxP99GrowthMs)) {
      reasons.push(
        `p99 growing: median per-second p99 ${middleP99} ms in the middle third -> ${lastP99} ms in the last third`,
      );
    }
    const acceptedPerSec = sum(last.map((w) => w.accepted)) / last.length;
    const endedPerSec = sum(last.map((w) => w.completed + w.cancelled)) / last.length;
    if (acceptedPerSec > 0 && endedPerSec < acceptedPerSec * limits.minThroughputShare) {
      reasons.push(`sagas end at ${endedPerSec.toFixed(1)}/s but arrive at ${acceptedPerSec.toFixed(1)}/s`);
    }
  }
  return { sustainable: reasons.length === 0, reasons };
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
/** Median of the per-second p99s: one GC pause does not fail a step, a steady climb does. */
function medianOf(xs: number[]): number {
  const sorted = xs.filter((x) => x > 0).sort((a, b) => a - b);
  return sorted.length === 0 ? 0 : sorted[Math.floor(sorted.length / 2)];
}
