/**
 * A level-triggered wake-up: a fire() while nobody waits is remembered, so a commit that happens
 * between "fetched nothing" and "start waiting" is never missed.
 */
export class WakeSignal {
  private pending = false;
  private release: (() => void) | null = null;

  fire(): void {
    this.pending = true;
    this.release?.();
  }

  /** Resolves true when fired, false when the timeout passed first. */
  wait(timeoutMs: number): Promise<boolean> {
    if (this.pending) {
      this.pending = false;
      return Promise.resolve(true);
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => done(false), timeoutMs);
      const done = (fired: boolean) => {
        clearTimeout(timer);
        this.release = null;
        this.pending = false;
        resolve(fired);
      };
      this.release = () => done(true);
    });
  }
}
