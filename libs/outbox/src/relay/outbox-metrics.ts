import { metrics } from '@opentelemetry/api';
import { OutboxAttributes } from '@saga/telemetry';
import { OutboxStats } from './outbox-stats';

/**
 * Observable gauges read on each metrics export (no-op when no MeterProvider is registered).
 * Returns the unregister function.
 */
export function registerOutboxGauges(service: string, read: () => Promise<OutboxStats>): () => void {
  const meter = metrics.getMeter('@saga/outbox');
  const unpublished = meter.createObservableGauge('outbox.unpublished', {
    description: 'Outbox rows committed but not yet published to Kafka',
  });
  const oldestAge = meter.createObservableGauge('outbox.oldest_unpublished.age', {
    description: 'Age of the oldest unpublished outbox row',
    unit: 'ms',
  });
  const attributes = { [OutboxAttributes.service]: service };
  const callback = async (observer: {
    observe(metric: typeof unpublished, value: number, attrs: typeof attributes): void;
  }) => {
    const stats = await read();
    observer.observe(unpublished, stats.unpublished, attributes);
    observer.observe(oldestAge, stats.oldestUnpublishedAgeMs, attributes);
  };
  meter.addBatchObservableCallback(callback, [unpublished, oldestAge]);
  return () => meter.removeBatchObservableCallback(callback, [unpublished, oldestAge]);
}
