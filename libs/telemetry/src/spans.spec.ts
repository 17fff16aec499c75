import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { SagaAttributes } from './attributes';
import { activeTraceId, recordSagaOutcome, withSpan } from './spans';

describe('span helpers', () => {
  const exporter = new InMemorySpanExporter();
  const provider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] });
  const tracer = provider.getTracer('test');
  const contextManager = new AsyncLocalStorageContextManager().enable();

  beforeAll(() => context.setGlobalContextManager(contextManager));
  afterAll(() => {
    context.disable();
    return provider.shutdown();
  });
  beforeEach(() => exporter.reset());

  it('withSpan makes the span active for nested work and ends it', async () => {
    let innerTraceId: string | undefined;
    const result = await withSpan('order.processing publish', { kind: SpanKind.PRODUCER, tracer }, async (span) => {
      recordSagaOutcome(span, 'succeeded', { step: 'stock' });
      await withSpan('child', { tracer }, async () => {
        innerTraceId = activeTraceId();
      });
      return 42;
    });
    expect(result).toBe(42);
    const [child, parent] = exporter.getFinishedSpans();
    expect(parent?.name).toBe('order.processing publish');
    expect(parent?.kind).toBe(SpanKind.PRODUCER);
    expect(parent?.attributes).toMatchObject({ [SagaAttributes.outcome]: 'succeeded', [SagaAttributes.step]: 'stock' });
    expect(child?.parentSpanContext?.spanId).toBe(parent?.spanContext().spanId);
    expect(innerTraceId).toBe(parent?.spanContext().traceId);
  });

  it('withSpan records a thrown error and rethrows', async () => {
    await expect(withSpan('boom', { tracer }, async () => Promise.reject(new Error('nope')))).rejects.toThrow('nope');
    const [span] = exporter.getFinishedSpans();
    expect(span?.status).toEqual({ code: SpanStatusCode.ERROR, message: 'nope' });
    expect(span?.events.map((e) => e.name)).toContain('exception');
  });

  it('activeTraceId is undefined outside a span', () => {
    expect(trace.getActiveSpan()).toBeUndefined();
    expect(activeTraceId()).toBeUndefined();
  });
});
