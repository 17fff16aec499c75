/**
 * A process traced like a service (startTelemetry before pg is loaded, TRACING_DETAIL from the env) that
 * runs one transaction of two statements and one pool query through PgSqlClient inside a span, then
 * prints the spans it finished as one JSON line `{ spans: [{ name, parent }] }` (parent: the parent's
 * name). The instrumentation patches pg through the module loader, which jest's sandbox bypasses.
 * Env: DATABASE_URL, TRACING_DETAIL.
 */
import type { ExportResult } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace';
import { shutdownTelemetry, startTelemetry, withSpan } from '@saga/telemetry';

const finished: ReadableSpan[] = [];
const exporter: SpanExporter = {
  export(spans: ReadableSpan[], done: (result: ExportResult) => void) {
    finished.push(...spans);
    done({ code: 0 });
  },
  shutdown: async () => undefined,
};
startTelemetry({ serviceName: 'sql-spans-child', exporter });

// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded after the SDK so pg gets instrumented
const { PgSqlClient } = require('../../src/sql/pg-sql-client') as typeof import('../../src/sql/pg-sql-client');

async function main(): Promise<void> {
  const client = new PgSqlClient({ connectionString: process.env.DATABASE_URL!, max: 1 });
  await withSpan('work', {}, async () => {
    await client.$transaction(async (tx) => {
      await tx.query('SELECT $1::int AS n', 1);
      await tx.execute('UPDATE outbox_message SET published_at = now() WHERE id = $1', 0);
    });
    await client.query('SELECT count(*) FROM processed_message');
  });
  await client.$disconnect();
  await shutdownTelemetry();
  const byId = new Map(finished.map((span) => [span.spanContext().spanId, span.name]));
  const spans = finished.map((span) => ({
    name: span.name,
    parent: span.parentSpanContext ? (byId.get(span.parentSpanContext.spanId) ?? 'elsewhere') : null,
  }));
  process.stdout.write(`${JSON.stringify({ spans })}\n`);
}

void main();
