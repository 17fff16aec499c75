import { sep } from 'node:path';
import { diag, DiagConsoleLogger, DiagLogLevel } from '@opentelemetry/api';
import { CompositePropagator, W3CBaggagePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import type { Instrumentation } from '@opentelemetry/instrumentation';
import { ExpressInstrumentation, ExpressLayerType } from '@opentelemetry/instrumentation-express';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { IORedisInstrumentation } from '@opentelemetry/instrumentation-ioredis';
import { NestInstrumentation } from '@opentelemetry/instrumentation-nestjs-core';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { BatchSpanProcessor, SpanExporter } from '@opentelemetry/sdk-trace';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';
import { z } from 'zod';
import { SpanDetail, tracingDetail } from './span-detail';
import { describeSqlSpan } from './sql-span';
import { memoizeRelativeRequires } from './require-memo';

const envBoolean = (fallback: boolean) =>
  z
    .enum(['true', 'false', 'TRUE', 'FALSE', '1', '0'])
    .default(fallback ? 'true' : 'false')
    .transform((v) => v.toLowerCase() === 'true' || v === '1');

/** The telemetry subset of the service env (same names and defaults as service-kit's BaseEnv). */
export const TelemetryEnv = z.object({
  TRACING_ENABLED: envBoolean(true),
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url().default('http://127.0.0.1:4318'),
  DEPLOYMENT_ENVIRONMENT: z.string().min(1).default('development'),
  /** Diagnostics of the SDK itself (export failures), printed to stderr. */
  OTEL_LOG_LEVEL: z.enum(['none', 'error', 'warn', 'info', 'debug']).default('warn'),
  /** Span detail beyond the per-checkout budget (span-detail.ts); default none. */
  TRACING_DETAIL: tracingDetail(),
});
export type TelemetryEnv = z.infer<typeof TelemetryEnv>;

export interface TelemetryOptions {
  serviceName: string;
  serviceVersion?: string;
  /** Defaults to the TelemetryEnv parsed from process.env. */
  env?: Partial<TelemetryEnv>;
  /** Replaces the OTLP exporter (tests). */
  exporter?: SpanExporter;
}

let sdk: NodeSDK | undefined;

/** Whether an SDK was started by this process (false when TRACING_ENABLED=false). */
export function isTelemetryStarted(): boolean {
  return sdk !== undefined;
}

function parseTelemetryEnv(overrides: Partial<TelemetryEnv> = {}): TelemetryEnv {
  const fromProcess = Object.fromEntries(
    Object.keys(TelemetryEnv.shape)
      .map((key) => [key, process.env[key]] as const)
      .filter(([, value]) => value !== undefined && value !== ''),
  );
  const result = TelemetryEnv.safeParse(fromProcess);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid telemetry environment:\n${problems}`);
  }
  return { ...result.data, ...overrides };
}

/** Requests that are never traced: probes and scrapes would otherwise each make a trace of their own. */
const UNTRACED_PATHS = ['/health', '/metrics'];

/**
 * The instrumentations behind the span budget (docs/tracing.md): http for the one server span per
 * request (and client spans of outgoing calls made inside a trace), express only to name that span by
 * its route (it records no span of its own). pg statement, ioredis command and Nest handler spans are
 * detail, registered only when TRACING_DETAIL asks for them: unregistered, their libraries stay unpatched
 * and cost nothing. The platform's own spans (publish, process, dead-letter, pg.transaction) come from
 * the outbox relay, the consumer wrapper and PgSqlClient, not from instrumentation.
 */
export function instrumentations(detail: readonly SpanDetail[]): Instrumentation[] {
  const enabled = new Set(detail);
  const list: Instrumentation[] = [
    new HttpInstrumentation({
      ignoreIncomingRequestHook: (request) => UNTRACED_PATHS.some((path) => (request.url ?? '').startsWith(path)),
      requireParentforOutgoingSpans: true,
    }),
    new ExpressInstrumentation({
      ignoreLayersType: enabled.has('nest')
        ? [ExpressLayerType.MIDDLEWARE, ExpressLayerType.REQUEST_HANDLER]
        : [ExpressLayerType.MIDDLEWARE, ExpressLayerType.REQUEST_HANDLER, ExpressLayerType.ROUTER],
    }),
  ];
  if (enabled.has('nest')) list.push(new NestInstrumentation());
  if (enabled.has('sql')) {
    list.push(
      new PgInstrumentation({
        requireParentSpan: true,
        enhancedDatabaseReporting: false,
        ignoreConnectSpans: true,
        requestHook: (span, { query, connection }) => describeSqlSpan(span, query.text, connection.database),
      }),
    );
  }
  if (enabled.has('redis')) list.push(new IORedisInstrumentation({ requireParentSpan: true }));
  return list;
}

/**
 * Starts the OpenTelemetry NodeSDK. Call it before anything else is imported (each service's
 * src/tracing.ts, imported first by main.ts) so the instrumented libraries get patched on load.
 * With TRACING_ENABLED=false nothing is registered and the API stays no-op.
 */
export function startTelemetry(options: TelemetryOptions): void {
  if (sdk) return;
  const env = parseTelemetryEnv(options.env);
  if (!env.TRACING_ENABLED) return;
  if (env.OTEL_LOG_LEVEL !== 'none') {
    diag.setLogger(
      new DiagConsoleLogger(),
      DiagLogLevel[env.OTEL_LOG_LEVEL.toUpperCase() as 'ERROR' | 'WARN' | 'INFO' | 'DEBUG'],
    );
  }
  const exporter =
    options.exporter ??
    new OTLPTraceExporter({ url: `${env.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/$/, '')}/v1/traces` });
  sdk = new NodeSDK({
    serviceName: options.serviceName,
    resource: resourceFromAttributes({
      [ATTR_SERVICE_NAME]: options.serviceName,
      [ATTR_SERVICE_VERSION]: options.serviceVersion ?? '0.0.0',
      'deployment.environment.name': env.DEPLOYMENT_ENVIRONMENT,
      'deployment.environment': env.DEPLOYMENT_ENVIRONMENT,
    }),
    spanProcessors: [
      new BatchSpanProcessor({
        exporter,
        maxQueueSize: 4096,
        maxExportBatchSize: 512,
        scheduledDelayMillis: 1000,
        exportTimeoutMillis: 10_000,
      }),
    ],
    textMapPropagator: new CompositePropagator({
      propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()],
    }),
    instrumentations: instrumentations(env.TRACING_DETAIL),
    // traces only: no log or metric exporters (Jaeger accepts traces)
    logRecordProcessors: [],
    metricReaders: [],
  });
  sdk.start();
  unmemoize = memoizeRelativeRequires((parent) => parent.includes(KAFKAJS_FILES));
}

/** kafkajs' own files: they require their request encoders on every request (require-memo.ts). */
const KAFKAJS_FILES = `${sep}node_modules${sep}kafkajs${sep}`;
let unmemoize: (() => void) | undefined;

/** Flushes pending spans and stops the SDK; safe to call when telemetry never started. */
export async function shutdownTelemetry(): Promise<void> {
  const running = sdk;
  sdk = undefined;
  unmemoize?.();
  unmemoize = undefined;
  if (!running) return;
  try {
    await running.shutdown();
  } catch (error) {
    diag.error('telemetry shutdown failed', error);
  }
}
