import type { Histogram } from 'prom-client';
import { MetricCatalog } from './catalog';
import { histogramOf } from './registry';

/** Route label of requests no route matched (404s): raw paths would explode the cardinality. */
export const UNMATCHED_ROUTE = 'unmatched';

const STATUS_CLASSES = ['1xx', '2xx', '3xx', '4xx', '5xx'];

export function statusClassOf(status: number): string {
  return STATUS_CLASSES[Math.floor(status / 100) - 1] ?? 'other';
}

const children = new Map<string, ReturnType<Histogram<string>['labels']>>();

/** One served request; `route` is the route template (`/orders/:orderId`), never the raw path. */
export function recordHttpRequest(method: string, route: string, status: number, seconds: number): void {
  const statusClass = statusClassOf(status);
  const key = `${method} ${route} ${statusClass}`;
  let child = children.get(key);
  if (!child) {
    child = histogramOf(MetricCatalog.httpRequestDuration).labels({ method, route, status_class: statusClass });
    children.set(key, child);
  }
  child.observe(seconds);
}
