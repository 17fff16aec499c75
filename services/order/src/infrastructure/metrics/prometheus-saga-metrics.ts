import { counterOf, histogramOf, MetricCatalog } from '@saga/metrics';
import type { SagaMetrics } from '../../application/ports/saga-metrics';

/** order_sagas_* and order_saga_duration_seconds on GET /metrics. */
export class PrometheusSagaMetrics implements SagaMetrics {
  private readonly startedTotal = counterOf(MetricCatalog.orderSagasStarted);
  private readonly completedTotal = counterOf(MetricCatalog.orderSagasCompleted);
  private readonly cancelledTotal = counterOf(MetricCatalog.orderSagasCancelled);
  private readonly duration = histogramOf(MetricCatalog.orderSagaDuration);

  constructor(private readonly now: () => number = Date.now) {}

  started(): void {
    this.startedTotal.inc();
  }

  completed(checkoutAt: Date): void {
    this.completedTotal.inc();
    this.duration.observe({ outcome: 'completed' }, this.secondsSince(checkoutAt));
  }

  cancelled(reason: string, checkoutAt: Date): void {
    this.cancelledTotal.inc({ reason });
    this.duration.observe({ outcome: 'cancelled' }, this.secondsSince(checkoutAt));
  }

  private secondsSince(checkoutAt: Date): number {
    return Math.max(0, this.now() - checkoutAt.getTime()) / 1000;
  }
}
