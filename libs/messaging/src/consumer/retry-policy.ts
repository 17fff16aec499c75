export interface RetryPolicy {
  /** Total tries including the first; then the message is dead-lettered. */
  maxAttempts: number;
  initialDelayMs: number;
  maxDelayMs: number;
}

/** Delay before try number `nextAttempt` (2, 3, ...): initial, 2x, 4x ... capped. */
export function retryDelayMs(policy: RetryPolicy, nextAttempt: number): number {
  return Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** Math.max(0, nextAttempt - 2));
}
