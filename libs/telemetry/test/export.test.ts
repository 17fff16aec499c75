import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { currentEndpoints, jaeger, uniqueId } from '@saga/test-harness';

const run = promisify(execFile);
const repoRoot = join(__dirname, '..', '..', '..');

/**
 * startTelemetry → OTLP http/proto → the real Jaeger, read back through the query API. The spans are made
 * in a child process (as in a service): the OTLP exporter loads `http` with a dynamic import, which
 * jest's module sandbox does not support.
 */
describe('telemetry export to Jaeger', () => {
  it('exports publish → HTTP → process as one trace with resource and saga attributes', async () => {
    const serviceName = uniqueId('telemetry-export-test');
    const orderId = uniqueId('order');
    const { stdout } = await run(
      process.execPath,
      [join(repoRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(__dirname, 'fixtures', 'emit-trace.ts')],
      {
        env: {
          PATH: process.env.PATH,
          SERVICE_NAME: serviceName,
          ORDER_ID: orderId,
          OTEL_EXPORTER_OTLP_ENDPOINT: currentEndpoints().otlpEndpoint,
        },
        timeout: 60_000,
      },
    );
    const { traceId } = JSON.parse(stdout.trim().split('\n').at(-1)!) as { traceId: string };
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);

    const trace = await jaeger.getTrace(traceId, { until: (t) => t.spans.length >= 4 });
    const named = (name: string) => trace.spans.find((s) => s.operationName === name);
    const publish = named('order.processing publish');
    const processSpan = named('order.processing process');
    expect(publish).toBeDefined();
    expect(processSpan?.references).toEqual([
      expect.objectContaining({ refType: 'CHILD_OF', spanID: publish!.spanID }),
    ]);
    expect(processSpan?.tags).toEqual(
      expect.arrayContaining([expect.objectContaining({ key: 'saga.outcome', value: 'succeeded' })]),
    );
    // http instrumentation: client and server span of the call made inside the publish span
    const httpKinds = trace.spans
      .filter((s) => s.tags.some((t) => t.key === 'http.request.method' || t.key === 'http.method'))
      .map((s) => s.tags.find((t) => t.key === 'span.kind')?.value)
      .sort();
    expect(httpKinds).toEqual(['client', 'server']);

    const emitter = trace.processes[publish!.processID]!;
    expect(emitter.serviceName).toBe(serviceName);
    const resourceTags = Object.fromEntries(emitter.tags.map((t) => [t.key, t.value]));
    expect(resourceTags).toMatchObject({ 'service.version': '1.2.3', 'deployment.environment.name': 'test' });

    const byOrder = await jaeger.findTraces({ service: serviceName, tags: { 'order.id': orderId } });
    expect(byOrder.map((t) => t.traceID)).toContain(traceId);
  }, 120_000);
});
