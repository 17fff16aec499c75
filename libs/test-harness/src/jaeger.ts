import { currentEndpoints } from './endpoints';
import { waitFor } from './wait-for';

/** Jaeger query API (v1 JSON: times in microseconds). */
export interface JaegerSpan {
  traceID: string;
  spanID: string;
  operationName: string;
  references: { refType: string; traceID: string; spanID: string }[];
  startTime: number;
  duration: number;
  tags: { key: string; type: string; value: unknown }[];
  processID: string;
}

export interface JaegerTrace {
  traceID: string;
  spans: JaegerSpan[];
  processes: Record<string, { serviceName: string; tags: { key: string; value: unknown }[] }>;
}

interface PollOptions {
  timeoutMs?: number;
  /** Keep polling until the trace satisfies this (spans arrive asynchronously, possibly in several batches). */
  until?: (trace: JaegerTrace) => boolean;
}

async function query<T>(path: string): Promise<T | undefined> {
  const response = await fetch(`${currentEndpoints().jaegerQueryUrl}${path}`);
  if (response.status === 404) return undefined;
  if (!response.ok) throw new Error(`jaeger ${path}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

export const jaeger = {
  async getTrace(traceId: string, { timeoutMs = 30_000, until = () => true }: PollOptions = {}): Promise<JaegerTrace> {
    return waitFor(
      async () => {
        const body = await query<{ data: JaegerTrace[] }>(`/api/traces/${traceId}`);
        const trace = body?.data?.[0];
        return trace && trace.spans.length > 0 && until(trace) ? trace : undefined;
      },
      { timeoutMs, intervalMs: 300, description: `jaeger trace ${traceId}` },
    );
  },

  /** Traces of a service, optionally filtered by span tags; polls until at least `min` are found. */
  async findTraces(
    {
      service,
      tags,
      operation,
      limit = 20,
    }: { service: string; tags?: Record<string, string>; operation?: string; limit?: number },
    { timeoutMs = 30_000, min = 1 }: { timeoutMs?: number; min?: number } = {},
  ): Promise<JaegerTrace[]> {
    const params = new URLSearchParams({ service, limit: String(limit), lookback: '1h' });
    if (tags) params.set('tags', JSON.stringify(tags));
    if (operation) params.set('operation', operation);
    return waitFor(
      async () => {
        const body = await query<{ data: JaegerTrace[] }>(`/api/traces?${params.toString()}`);
        const traces = body?.data ?? [];
        return traces.length >= min ? traces : undefined;
      },
      { timeoutMs, intervalMs: 300, description: `jaeger traces of ${service}` },
    );
  },

  serviceOf(trace: JaegerTrace, span: JaegerSpan): string {
    return trace.processes[span.processID]?.serviceName ?? 'unknown';
  },
};
