import { MetricCatalog } from './catalog';
import { counterOf, gaugeOf, histogramOf } from './registry';

export interface OutboxBacklog {
  unpublished: number;
  /** 0 when nothing is waiting. */
  oldestUnpublishedAgeMs: number;
}

/** What the relay records after Kafka acknowledged a batch. */
export interface OutboxMetrics {
  /** `createdAt` of every row of the acknowledged batch; `now` the acknowledgement time (epoch ms). */
  published(rows: readonly { createdAt: Date }[], now: number): void;
}

export const prometheusOutboxMetrics: OutboxMetrics = {
  published(rows, now) {
    counterOf(MetricCatalog.outboxPublished).inc(rows.length);
    const latency = histogramOf(MetricCatalog.outboxPublishLatency);
    for (const row of rows) latency.observe(Math.max(0, now - row.createdAt.getTime()) / 1000);
  },
};

const backlogSources = new Set<() => Promise<OutboxBacklog>>();
let pendingRead: Promise<OutboxBacklog | null> | null = null;

/** Both gauges are collected in the same scrape: one read serves them. null when a read failed. */
function readBacklog(): Promise<OutboxBacklog | null> {
  pendingRead ??= Promise.all([...backlogSources].map((read) => read()))
    .then((all) => ({
      unpublished: all.reduce((sum, backlog) => sum + backlog.unpublished, 0),
      oldestUnpublishedAgeMs: all.reduce((oldest, backlog) => Math.max(oldest, backlog.oldestUnpublishedAgeMs), 0),
    }))
    // a database hiccup must not fail the whole scrape; the gauges keep their last value
    .catch(() => null)
    .finally(() => setImmediate(() => (pendingRead = null)));
  return pendingRead;
}

/**
 * The backlog gauges, read from the database on each scrape (one cheap query per scrape, nothing
 * on the publish path). Any instance may report them: they describe the service's shared table.
 * Returns the unregister function; while nothing is registered the gauges report 0.
 */
export function registerOutboxBacklog(read: () => Promise<OutboxBacklog>): () => void {
  gaugeOf(MetricCatalog.outboxUnpublished, async (gauge) => {
    const backlog = await readBacklog();
    if (backlog) gauge.set(backlog.unpublished);
  });
  gaugeOf(MetricCatalog.outboxOldestUnpublishedAge, async (gauge) => {
    const backlog = await readBacklog();
    if (backlog) gauge.set(backlog.oldestUnpublishedAgeMs / 1000);
  });
  backlogSources.add(read);
  return () => backlogSources.delete(read);
}
