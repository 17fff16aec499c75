export interface RetryPolicy {
  /** Total tries including the first; then the message is dead-lettered. */
  maxAttempts: number;
  initialDelayMs: number;
  maxDelayMs: number;
}

/** Delay before try number `nextAttempt` (2, 3, ...): initial, 2x, 4x ... capped. */
export function retryDelayMs(policy: RetryPolicy, nextAttempt: number): number {
  // exponent bounded so an outage wait that goes on for hours never overflows to Infinity/NaN
  return Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** Math.min(30, Math.max(0, nextAttempt - 2)));
}
