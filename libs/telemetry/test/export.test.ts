import { SpanKind } from '@opentelemetry/api';
import { currentEndpoints, jaeger, uniqueId } from '@saga/test-harness';
import { MessagingAttributes, SagaAttributes, SpanNames } from '../src/attributes';
import { captureTraceContext, restoreTraceContext } from '../src/propagation';
import { shutdownTelemetry, startTelemetry } from '../src/sdk';
import { activeTraceId, recordSagaOutcome, withSpan } from '../src/spans';

/** startTelemetry → OTLP http/proto → the real Jaeger, read back through the query API. */
describe('telemetry export to Jaeger', () => {
  const serviceName = uniqueId('telemetry-export-test');
  const orderId = uniqueId('order');

  beforeAll(() => {
    startTelemetry({
      serviceName,
      serviceVersion: '1.2.3',
      env: { TRACING_ENABLED: true, OTEL_EXPORTER_OTLP_ENDPOINT: currentEndpoints().otlpEndpoint, DEPLOYMENT_ENVIRONMENT: 'test' },
    });
  });
  afterAll(() => shutdownTelemetry());

  it('exports a producer → consumer chain as one trace with resource and saga attributes', async () => {
    let traceId: string | undefined;
    await withSpan(SpanNames.publish('order.processing'), { kind: SpanKind.PRODUCER, attributes: { [SagaAttributes.orderId]: orderId } }, async () => {
      traceId = activeTraceId();
      const headers = captureTraceContext();
      // the consumer side: a new span parented only by the carried headers
      await withSpan(
        SpanNames.process('order.processing'),
        { kind: SpanKind.CONSUMER, parent: restoreTraceContext(headers), attributes: { [MessagingAttributes.destination]: 'order.processing' } },
        async (span) => recordSagaOutcome(span, 'succeeded', { step: 'stock' }),
      );
    });
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);
    await shutdownTelemetry(); // flushes the batch processor

    const trace = await jaeger.getTrace(traceId!, { until: (t) => t.spans.length >= 2 });
    const publish = trace.spans.find((s) => s.operationName === 'order.processing publish');
    const processSpan = trace.spans.find((s) => s.operationName === 'order.processing process');
    expect(publish).toBeDefined();
    expect(processSpan?.references).toEqual([expect.objectContaining({ refType: 'CHILD_OF', spanID: publish!.spanID })]);
    expect(processSpan?.tags).toEqual(expect.arrayContaining([expect.objectContaining({ key: SagaAttributes.outcome, value: 'succeeded' })]));
    const process = trace.processes[publish!.processID]!;
    expect(process.serviceName).toBe(serviceName);
    const resourceTags = Object.fromEntries(process.tags.map((t) => [t.key, t.value]));
    expect(resourceTags).toMatchObject({ 'service.version': '1.2.3', 'deployment.environment.name': 'test' });

    const byOrder = await jaeger.findTraces({ service: serviceName, tags: { [SagaAttributes.orderId]: orderId } });
    expect(byOrder.map((t) => t.traceID)).toContain(traceId);
  });
});
