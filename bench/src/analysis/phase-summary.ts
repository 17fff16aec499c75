import { acceptedToTerminalMs, CheckoutRecord, matchesExpectation } from '../measure/order-tracker';
import { LatencySummary, summarize } from '../measure/percentiles';
import { SchedulerStats } from '../load/open-loop-scheduler';

export interface PhaseWindow {
  name: string;
  targetRate: number;
  durationSec: number;
  startedAt: number;
  endedAt: number;
  scheduler: SchedulerStats;
}

export interface PhaseSummary {
  name: string;
  targetRate: number;
  durationSec: number;
  sent: number;
  accepted: number;
  httpErrors: number;
  httpErrorSamples: string[];
  lateSends: number;
  maxLatenessMs: number;
  completed: number;
  cancelled: number;
  cancelReasons: Record<string, number>;
  /** terminal later than the timeout after acceptance, or never */
  timeouts: number;
  unterminated: number;
  unexpectedOutcomes: number;
  conflictingTerminals: number;
  /** sagas that ended (any order) inside the phase's time window, per second */
  completedPerSec: number;
  terminalPerSec: number;
  latency: {
    /** the target metric: 202 received -> OrderCompleted observed */
    acceptedToCompleted: LatencySummary;
    acceptedToTerminal: LatencySummary;
    /** scheduled send -> 202 (includes generator lateness and connection queueing) */
    http: LatencySummary;
  };
}

export function summarizePhase(
  phase: PhaseWindow,
  records: readonly CheckoutRecord[],
  allRecords: readonly CheckoutRecord[],
  terminalTimeoutMs: number,
  /** When judging mid-run: a saga still in flight counts as a timeout only once it is older than the timeout. */
  now?: number,
): PhaseSummary {
  const accepted = records.filter((r) => r.orderId !== undefined);
  const failed = records.filter((r) => r.respondedAt !== undefined && r.orderId === undefined);
  const terminal = accepted.filter((r) => r.terminal);
  const completed = terminal.filter((r) => r.terminal!.outcome === 'COMPLETED');
  const cancelReasons: Record<string, number> = {};
  for (const r of terminal) {
    if (r.terminal!.outcome === 'CANCELLED') {
      const reason = r.terminal!.reason ?? 'UNKNOWN';
      cancelReasons[reason] = (cancelReasons[reason] ?? 0) + 1;
    }
  }
  const endedInWindow = allRecords.filter(
    (r) => r.terminal && r.terminal.at >= phase.startedAt && r.terminal.at < phase.endedAt,
  );
  const seconds = Math.max(0.001, (phase.endedAt - phase.startedAt) / 1000);
  return {
    name: phase.name,
    targetRate: phase.targetRate,
    durationSec: phase.durationSec,
    sent: records.length,
    accepted: accepted.length,
    httpErrors: failed.length,
    httpErrorSamples: [...new Set(records.filter((r) => r.error).map((r) => r.error!))].slice(0, 5),
    lateSends: phase.scheduler.late,
    maxLatenessMs: Math.round(phase.scheduler.maxLatenessMs),
    completed: completed.length,
    cancelled: terminal.length - completed.length,
    cancelReasons,
    timeouts: accepted.filter((r) =>
      r.terminal
        ? acceptedToTerminalMs(r) > terminalTimeoutMs
        : now === undefined || now - r.respondedAt! > terminalTimeoutMs,
    ).length,
    unterminated: accepted.length - terminal.length,
    unexpectedOutcomes: terminal.filter((r) => !matchesExpectation(r.plan.expect, r.terminal!)).length,
    conflictingTerminals: accepted.filter((r) => r.conflictingTerminal).length,
    completedPerSec: round1(endedInWindow.filter((r) => r.terminal!.outcome === 'COMPLETED').length / seconds),
    terminalPerSec: round1(endedInWindow.length / seconds),
    latency: {
      acceptedToCompleted: summarize(completed.map(acceptedToTerminalMs)),
      acceptedToTerminal: summarize(terminal.map(acceptedToTerminalMs)),
      http: summarize(accepted.map((r) => r.respondedAt! - r.scheduledAt)),
    },
  };
}

const round1 = (v: number) => Math.round(v * 10) / 10;
