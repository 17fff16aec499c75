import type { JaegerSpan, JaegerTrace } from '@saga/test-harness';

/** Navigation over one Jaeger trace: who emitted a span, its parent, and causal ancestry. */
export class TraceGraph {
  private readonly byId: Map<string, JaegerSpan>;

  /** `topicPrefix`: an isolated run's topic prefix, which the publish/process span names carry. */
  constructor(
    readonly trace: JaegerTrace,
    private readonly topicPrefix = '',
  ) {
    this.byId = new Map(trace.spans.map((s) => [s.spanID, s]));
  }

  /** 'order-service' → 'order'. */
  serviceOf(span: JaegerSpan): string {
    return (this.trace.processes[span.processID]?.serviceName ?? 'unknown').replace(/-service$/, '');
  }

  services(): Set<string> {
    return new Set(this.trace.spans.map((s) => this.serviceOf(s)));
  }

  /** Operation name without the run's topic prefix: `order.processing publish`. */
  nameOf(span: JaegerSpan): string {
    const name = span.operationName;
    return this.topicPrefix && name.startsWith(this.topicPrefix) ? name.slice(this.topicPrefix.length) : name;
  }

  tag(span: JaegerSpan, key: string): unknown {
    return span.tags.find((t) => t.key === key)?.value;
  }

  spans(operationName: string, service?: string): JaegerSpan[] {
    return this.trace.spans.filter(
      (s) => this.nameOf(s) === operationName && (!service || this.serviceOf(s) === service),
    );
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
      .map(
        (s) =>
          `${this.serviceOf(s)}: ${this.nameOf(s)} (${s.spanID} <- ${this.parentOf(s)?.spanID ?? s.references[0]?.spanID ?? 'root'})`,
      )
      .join('\n');
  }
}
