import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { MetricSpec } from './catalog';

/** The process's one registry: every recorder registers here, GET /metrics renders it. */
export const metricsRegistry = new Registry();

const created = new Map<string, Counter<string> | Gauge<string> | Histogram<string>>();

function once<M extends Counter<string> | Gauge<string> | Histogram<string>>(
  spec: MetricSpec,
  expected: MetricSpec['type'],
  create: () => M,
): M {
  if (spec.type !== expected) throw new Error(`${spec.name} is a ${spec.type}, not a ${expected}`);
  let metric = created.get(spec.name);
  if (!metric) {
    metric = create();
    created.set(spec.name, metric);
  }
  return metric as M;
}

/** The counter of a catalog entry, created and registered on first use (a service exposes only what it records). */
export function counterOf<L extends string>(spec: MetricSpec<L>): Counter<L> {
  return once(
    spec,
    'counter',
    () => new Counter<L>({ name: spec.name, help: spec.help, labelNames: spec.labels, registers: [metricsRegistry] }),
  );
}

export function histogramOf<L extends string>(spec: MetricSpec<L>): Histogram<L> {
  return once(
    spec,
    'histogram',
    () =>
      new Histogram<L>({
        name: spec.name,
        help: spec.help,
        labelNames: spec.labels,
        buckets: [...(spec.buckets ?? [])],
        registers: [metricsRegistry],
      }),
  );
}

/** A gauge; `collect` (optional) runs on every scrape to set the current value. */
export function gaugeOf<L extends string>(spec: MetricSpec<L>, collect?: (gauge: Gauge<L>) => Promise<void>): Gauge<L> {
  return once(
    spec,
    'gauge',
    () =>
      new Gauge<L>({
        name: spec.name,
        help: spec.help,
        labelNames: spec.labels,
        registers: [metricsRegistry],
        ...(collect
          ? {
              collect: function (this: Gauge<L>) {
                return collect(this);
              },
            }
          : {}),
      }),
  );
}

let processMetricsEnabled = false;

/**
 * Labels every series with the service and turns on prom-client's default process metrics
 * (CPU, memory, event-loop delay, GC). Called once by the service bootstrap; repeated calls only relabel.
 */
export function enableServiceMetrics(service: string): void {
  metricsRegistry.setDefaultLabels({ service });
  if (processMetricsEnabled) return;
  processMetricsEnabled = true;
  collectDefaultMetrics({ register: metricsRegistry });
}

export interface MetricsExposition {
  contentType: string;
  body: string;
}

/** The Prometheus text exposition of everything recorded in this process. */
export async function renderMetrics(): Promise<MetricsExposition> {
  return { contentType: metricsRegistry.contentType, body: await metricsRegistry.metrics() };
}
