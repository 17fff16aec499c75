/**
 * Where a saga hop's time goes, from the databases only (no extra load): for every event the services'
 * outboxes wrote in the last N minutes, commit -> published (relay) and published -> handled (the
 * consumer's inbox row, committed with the handler's effects). Same machine clock, millisecond columns;
 * the databases of BENCH_PG_URL (bench/README.md).
 *
 *   pnpm exec tsx bench/hop-split.ts [minutes=2]
 */
import { Client } from 'pg';
import { databaseUrl, loadBenchEnv, SERVICES } from './src/config/env';
import { summarize } from './src/measure/percentiles';

const env = loadBenchEnv();
const minutes = Number(process.argv[2] ?? 2);

function push(groups: Map<string, number[]>, key: string, value: number): void {
  const values = groups.get(key);
  if (values) values.push(value);
  else groups.set(key, [value]);
}

function print(groups: Map<string, number[]>): void {
  for (const [key, values] of groups) {
    const { p50, p90, p99, count } = summarize(values);
    console.log(`  ${key} ${Math.round(p50)} ${Math.round(p90)} ${Math.round(p99)} ${count}`);
  }
}

async function queryService<T>(service: string, sql: string): Promise<T[]> {
  const db = new Client({ connectionString: databaseUrl(env, service) });
  await db.connect();
  try {
    return (await db.query(sql, [minutes])).rows as T[];
  } finally {
    await db.end();
  }
}

async function main(): Promise<void> {
  const published = new Map<string, { type: string; published: number }>();
  const relay = new Map<string, number[]>();
  for (const service of SERVICES) {
    const rows = await queryService<{ event_id: string; event_type: string; created_at: Date; published_at: Date }>(
      service,
      `SELECT event_id, event_type, created_at, published_at FROM outbox_message
       WHERE created_at > now() - make_interval(mins => $1::int) AND published_at IS NOT NULL`,
    );
    for (const row of rows) {
      const at = row.published_at.getTime();
      published.set(row.event_id, { type: `${service}:${row.event_type}`, published: at });
      push(relay, service, at - row.created_at.getTime());
    }
  }
  console.log('relay commit -> published (ms): service p50 p90 p99 n');
  print(relay);
  console.log('published -> handled (ms): consumer event p50 p90 p99 n');
  for (const service of SERVICES) {
    const rows = await queryService<{ consumer_group: string; event_id: string; processed_at: Date }>(
      service,
      `SELECT consumer_group, event_id, processed_at FROM processed_message
       WHERE processed_at > now() - make_interval(mins => $1::int)`,
    );
    const byKind = new Map<string, number[]>();
    for (const row of rows) {
      const event = published.get(row.event_id);
      if (event) push(byKind, `${row.consumer_group} <- ${event.type}`, row.processed_at.getTime() - event.published);
    }
    print(byKind);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
