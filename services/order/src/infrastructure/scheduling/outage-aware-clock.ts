import type { Clock } from '../../application/ports/transaction';

/**
 * The saga deadline's clock: real time moved back by the outage grace this process observed (its relay
 * could not publish, a consumer group was not joined, the database was gone). An order whose deadline
 * fell inside an outage therefore expires the outage's length (plus a settle time) later, so an outage
 * shorter than the deadline cancels nothing by TIMEOUT, while a saga that a participant never answers
 * is still cancelled: without an outage the grace is 0 and the deadline is exact.
 */
export function outageAwareClock(
  clock: Clock,
  monitor: { outageGraceMs(settleMs: number): number },
  settleMs: number,
): Clock {
  return { now: () => new Date(clock.now().getTime() - monitor.outageGraceMs(settleMs)) };
}
