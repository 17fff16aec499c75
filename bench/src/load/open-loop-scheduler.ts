import { Clock } from './clock';

export interface ArrivalPlan {
  ratePerSec: number;
  durationSec: number;
}

export interface SchedulerStats {
  sent: number;
  /** Sends that left later than `lateThresholdMs` after their scheduled time (the generator could not keep up). */
  late: number;
  maxLatenessMs: number;
}

/**
 * Open-loop arrivals: request i is due at start + i/rate regardless of how earlier requests fared.
 * `fire` must not block (it starts the request and returns). A send that is late is still sent, and
 * callers measure latency from the scheduled time, so a stalled generator cannot hide latency
 * (no coordinated omission).
 */
export async function runOpenLoop(
  clock: Clock,
  plan: ArrivalPlan,
  fire: (index: number, scheduledAt: number) => void,
  lateThresholdMs = 10,
): Promise<SchedulerStats> {
  const total = Math.round(plan.ratePerSec * plan.durationSec);
  const intervalMs = 1000 / plan.ratePerSec;
  const start = clock.now();
  const stats: SchedulerStats = { sent: 0, late: 0, maxLatenessMs: 0 };
  let i = 0;
  while (i < total) {
    const now = clock.now();
    let due = start + i * intervalMs;
    while (i < total && due <= now) {
      const lateness = now - due;
      if (lateness > lateThresholdMs) stats.late++;
      stats.maxLatenessMs = Math.max(stats.maxLatenessMs, lateness);
      fire(i, due);
      stats.sent++;
      i++;
      due = start + i * intervalMs;
    }
    if (i < total) await clock.sleep(Math.max(0, due - clock.now()));
  }
  return stats;
}
