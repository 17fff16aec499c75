/**
 * Saga outcomes for the metrics (order_sagas_*). Use cases call it once their transactional work
 * returned, never from inside it, so a retried transaction body is not counted twice. Inside a
 * consumer the surrounding inbox transaction commits just after; if that commit fails, the
 * redelivered message counts again (a rare over-count, never a missed outcome).
 */
export interface SagaMetrics {
  /** A checkout created a new order (an idempotent replay is not a new saga). */
  started(): void;
  /** `checkoutAt`: when the order was created; the adapter measures checkout -> terminal from it. */
  completed(checkoutAt: Date): void;
  cancelled(reason: string, checkoutAt: Date): void;
}

/** For use cases built without metrics (unit tests of unrelated behaviour). */
export const unrecordedSagaMetrics: SagaMetrics = {
  started: () => undefined,
  completed: () => undefined,
  cancelled: () => undefined,
};
