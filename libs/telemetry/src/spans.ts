import { Attributes, Context, context, Span, SpanKind, SpanStatusCode, trace, Tracer } from '@opentelemetry/api';
import { SagaAttributes, SagaOutcome } from './attributes';

export function getTracer(name = '@saga/platform'): Tracer {
  return trace.getTracer(name);
}

export function markSpanFailed(span: Span, error: unknown): void {
  const err = error instanceof Error ? error : new Error(String(error));
  span.recordException(err);
  span.setStatus({ code: SpanStatusCode.ERROR, message: err.message });
}

/**
 * Runs `fn` inside a new active span (children and captured trace context attach to it),
 * ends it, and records a thrown error on it before rethrowing.
 */
export async function withSpan<T>(
  name: string,
  options: { kind?: SpanKind; attributes?: Attributes; parent?: Context; tracer?: Tracer },
  fn: (span: Span) => Promise<T>,
): Promise<T> {
  const tracer = options.tracer ?? getTracer();
  const parent = options.parent ?? context.active();
  return tracer.startActiveSpan(
    name,
    { kind: options.kind ?? SpanKind.INTERNAL, attributes: options.attributes },
    parent,
    async (span) => {
      try {
        return await fn(span);
      } catch (error) {
        markSpanFailed(span, error);
        throw error;
      } finally {
        span.end();
      }
    },
  );
}

/** Records how a saga step ended on the span, with the failure reason when there is one. */
export function recordSagaOutcome(
  span: Span,
  outcome: SagaOutcome,
  details: { step?: string; reason?: string; compensation?: boolean } = {},
): void {
  span.setAttribute(SagaAttributes.outcome, outcome);
  if (details.step) span.setAttribute(SagaAttributes.step, details.step);
  if (details.reason) span.setAttribute(SagaAttributes.failureReason, details.reason);
  if (details.compensation !== undefined) span.setAttribute(SagaAttributes.compensation, details.compensation);
}

/** Trace id of the active span, for logs and API responses. */
export function activeTraceId(): string | undefined {
  const spanContext = trace.getActiveSpan()?.spanContext();
  return spanContext && trace.isSpanContextValid(spanContext) ? spanContext.traceId : undefined;
}
