import type { JaegerSpan } from '@saga/test-harness';
import { TraceGraph } from './trace-graph';

/** What a span of a checkout's trace is allowed to be by default (docs/tracing.md, "Span budget"). */
export type BudgetedKind = 'http server' | 'publish' | 'process' | 'transaction';

export interface SpanInventory {
  byKind: Record<BudgetedKind, number>;
  /** Spans outside the budget, as `service: name`. */
  unbudgeted: string[];
  /** Broken budget rules, each as a sentence naming the spans. */
  violations: string[];
}

function kindOf(graph: TraceGraph, span: JaegerSpan): BudgetedKind | undefined {
  const name = graph.nameOf(span);
  const kind = graph.tag(span, 'span.kind');
  if (kind === 'server' && graph.tag(span, 'http.request.method') !== undefined) return 'http server';
  if (kind === 'producer' && name.endsWith(' publish')) return 'publish';
  if (kind === 'consumer' && name.endsWith(' process')) return 'process';
  if (name.startsWith('pg.transaction ')) return 'transaction';
  return undefined;
}

/**
 * Checks a checkout's trace against the default span budget: one HTTP server span (the root), one
 * publish span per relayed event, one process span per consumption of an event by a consumer group,
 * at most one transaction span under the HTTP span and under each process span, nothing else.
 */
export function inventory(graph: TraceGraph): SpanInventory {
  const byKind: Record<BudgetedKind, number> = { 'http server': 0, publish: 0, process: 0, transaction: 0 };
  const unbudgeted: string[] = [];
  const violations: string[] = [];
  const seen = new Map<string, string>();
  const once = (key: string, what: string) => {
    if (seen.has(key)) violations.push(`${what} twice`);
    seen.set(key, what);
  };
  for (const span of graph.trace.spans) {
    const kind = kindOf(graph, span);
    const label = `${graph.serviceOf(span)}: ${graph.nameOf(span)}`;
    if (!kind) {
      unbudgeted.push(label);
      continue;
    }
    byKind[kind] += 1;
    const messageId = String(graph.tag(span, 'messaging.message.id'));
    if (kind === 'http server' && graph.parentOf(span)) violations.push(`${label} is not the root`);
    if (kind === 'publish') once(`publish ${messageId}`, `${label} for event ${messageId}`);
    if (kind === 'process') {
      const group = String(graph.tag(span, 'messaging.consumer.group.name'));
      once(`process ${group} ${messageId}`, `${label} (${group}) for event ${messageId}`);
    }
    if (kind === 'transaction') {
      const parent = graph.parentOf(span);
      const parentKind = parent && kindOf(graph, parent);
      if (parentKind !== 'http server' && parentKind !== 'process') {
        violations.push(`${label} under ${parent ? graph.nameOf(parent) : 'no parent'}`);
      } else {
        once(`transaction under ${parent!.spanID}`, `${label} under one ${graph.nameOf(parent!)}`);
      }
    }
  }
  if (byKind['http server'] !== 1) violations.push(`${byKind['http server']} HTTP server spans, expected 1`);
  return { byKind, unbudgeted: unbudgeted.sort(), violations };
}
