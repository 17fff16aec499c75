import { SagaMetrics } from '../ports/saga-metrics';

/** The in-memory twin of PrometheusSagaMetrics: what was recorded, in order. */
export class RecordingSagaMetrics implements SagaMetrics {
  readonly recorded: string[] = [];
  readonly checkoutTimes: Date[] = [];

  started(): void {
    this.recorded.push('started');
  }

  completed(checkoutAt: Date): void {
    this.recorded.push('completed');
    this.checkoutTimes.push(checkoutAt);
  }

  cancelled(reason: string, checkoutAt: Date): void {
    this.recorded.push(`cancelled:${reason}`);
    this.checkoutTimes.push(checkoutAt);
  }
}
