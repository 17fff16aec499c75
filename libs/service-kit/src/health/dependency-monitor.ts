import type { ReadinessCheck } from './readiness';

interface Window {
  start: number;
  end: number | null;
}

/**
 * What this process observed about its dependencies: the long-running components (outbox relay, one
 * per consumer group) report `down` while they wait out an outage and `up` once they work again.
 * Serves two purposes:
 * - readiness: `readiness()` fails while any component is down (a consumer that has not joined its
 *   group yet counts as down), so /health/ready turns 503 during an outage and 200 once work resumes;
 * - outage windows: the spans of time during which at least one component was down, kept for
 *   `horizonMs`. The order service's saga deadline does not expire what fell inside one (see
 *   `outageGraceMs`), so an outage shorter than the deadline cancels nothing by TIMEOUT.
 * Implements the outbox/messaging HealthReporter port structurally.
 */
export class DependencyMonitor {
  private readonly failing = new Map<string, string>();
  private readonly windows: Window[] = [];

  constructor(
    private readonly horizonMs = 10 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  up(component: string): void {
    if (!this.failing.delete(component)) return;
    if (this.failing.size === 0) this.closeWindow();
  }

  down(component: string, reason: string): void {
    if (this.failing.size === 0) this.windows.push({ start: this.now(), end: null });
    this.failing.set(component, reason);
  }

  /** Down components and why; empty when everything works. */
  problems(): Record<string, string> {
    return Object.fromEntries(this.failing);
  }

  readiness(name = 'components'): ReadinessCheck {
    return {
      name,
      check: async () => {
        if (this.failing.size === 0) return;
        throw new Error([...this.failing].map(([component, reason]) => `${component}: ${reason}`).join('; '));
      },
    };
  }

  /**
   * How far the saga deadline's "now" is moved back: for every outage window that is still open or
   * ended recently, its length plus `settleMs` (time for the backlog to drain after recovery). An
   * order whose deadline fell inside an outage (or up to `settleMs` after it) expires that much later;
   * with no recent outage this is 0 and the deadline is exact. A window counts until every deadline
   * it covered has had its extension: `length + 2 * settleMs` after it ended.
   */
  outageGraceMs(settleMs: number): number {
    const now = this.now();
    this.prune(now);
    let grace = 0;
    for (const { start, end } of this.windows) {
      const length = (end ?? now) - start;
      if (end !== null && now - end > length + 2 * settleMs) continue;
      grace += length + settleMs;
    }
    return grace;
  }

  private closeWindow(): void {
    const open = this.windows[this.windows.length - 1];
    if (open && open.end === null) open.end = this.now();
  }

  private prune(now: number): void {
    while (this.windows.length > 0 && this.windows[0].end !== null && now - this.windows[0].end > this.horizonMs) {
      this.windows.shift();
    }
  }
}
