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
 *   `outageGraceMs`), so an outage shorter than the deadline cancels nothing by TIMEOUT. A pause of the
 *   process itself (SIGSTOP, a paused VM, a blocked event loop) is an outage window too
 *   (`watchPauses`): while frozen it observed nothing, and the answers it missed are waiting in Kafka.
 * Implements the outbox/messaging HealthReporter port structurally.
 */
export class DependencyMonitor {
  private readonly failing = new Map<string, string>();
  private readonly windows: Window[] = [];
  private pauseWatch: { timer: NodeJS.Timeout; lastTick: number; tickMs: number; thresholdMs: number } | null = null;

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

  /**
   * Ticks every `tickMs`; a tick later than `thresholdMs` past its time means the process did not run
   * (frozen, paused, event loop blocked): that gap becomes an outage window. Also checked on every
   * `outageGraceMs`, so a deadline scan that runs first after a freeze already sees it.
   */
  watchPauses(tickMs = 500, thresholdMs = 2_000): void {
    if (this.pauseWatch) return;
    const timer = setInterval(() => this.notePause(), tickMs);
    timer.unref();
    this.pauseWatch = { timer, lastTick: this.now(), tickMs, thresholdMs };
  }

  stopWatchingPauses(): void {
    if (this.pauseWatch) clearInterval(this.pauseWatch.timer);
    this.pauseWatch = null;
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
    this.notePause();
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

  private notePause(): void {
    const watch = this.pauseWatch;
    if (!watch) return;
    const now = this.now();
    if (now - watch.lastTick > watch.tickMs + watch.thresholdMs) {
      // a closed window in the past, kept in start order next to any open one
      const window = { start: watch.lastTick, end: now };
      const at = this.windows.findIndex((w) => w.start > window.start);
      this.windows.splice(at === -1 ? this.windows.length : at, 0, window);
    }
    watch.lastTick = now;
  }

  private closeWindow(): void {
    const open = this.windows.find((window) => window.end === null);
    if (open) open.end = this.now();
  }

  private prune(now: number): void {
    while (this.windows.length > 0 && this.windows[0].end !== null && now - this.windows[0].end > this.horizonMs) {
      this.windows.shift();
    }
  }
}
