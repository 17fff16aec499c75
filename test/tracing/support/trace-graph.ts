import type { JaegerSpan, JaegerTrace } from '@saga/test-harness';

/** Navigation over one Jaeger trace: who emitted a span, its parent, and causal ancestry. */
export class TraceGraph {
  private readonly byId: Map<string, JaegerSpan>;

  constructor(readonly trace: JaegerTrace) {
    this.byId = new Map(trace.spans.map((s) => [s.spanID, s]));
  }

  /** 'order-service' → 'order'. */
  serviceOf(span: JaegerSpan): string {
    return (this.trace.processes[span.processID]?.serviceName ?? 'unknown').replace(/-service$/, '');
  }

  services(): Set<string> {
    return new Set(this.trace.spans.map((s) => this.serviceOf(s)));
  }

  tag(span: JaegerSpan, key: string): unknown {
    return span.tags.find((t) => t.key === key)?.value;
  }

  spans(operationName: string, service?: string): JaegerSpan[] {
    return this.trace.spans.filter((s) => s.operationName === operationName && (!service || this.serviceOf(s) === service));
  }

  /** The one span with that name in that service; fails with the trace's span list otherwise. */
  one(operationName: string, service: string): JaegerSpan {
    const found = this.spans(operationName, service);
    if (found.length === 0) throw new Error(`no "${operationName}" span from ${service} in trace:\n${this.describe()}`);
    return found[0]!;
  }

  parentOf(span: JaegerSpan): JaegerSpan | undefined {
    const ref = span.references.find((r) => r.traceID === this.trace.traceID);
    return ref ? this.byId.get(ref.spanID) : undefined;
  }

  /** Spans that name a parent which is not in this trace (a broken propagation hop). */
  orphans(): JaegerSpan[] {
    return this.trace.spans.filter((s) => s.references.length > 0 && !this.parentOf(s));
  }

  roots(): JaegerSpan[] {
    return this.trace.spans.filter((s) => s.references.length === 0);
  }

  descendsFrom(span: JaegerSpan, ancestor: JaegerSpan): boolean {
    for (let current = this.parentOf(span); current; current = this.parentOf(current)) {
      if (current.spanID === ancestor.spanID) return true;
    }
    return false;
  }

  describe(): string {
    return this.trace.spans
      .map((s) => `${this.serviceOf(s)}: ${s.operationName} (${s.spanID} <- ${this.parentOf(s)?.spanID ?? s.references[0]?.spanID ?? 'root'})`)
      .join('\n');
  }
}
