/**
 * Where a saga hop's time goes, from the databases only (no extra load): for every event the services'
 * outboxes wrote in the last N minutes, commit -> published (relay) and published -> handled (the
 * consumer's inbox row, committed with the handler's effects). Same machine clock, millisecond columns.
 *
 *   pnpm exec tsx bench/hop-split.ts [minutes=2]
 */
import { Client } from 'pg';

const SERVICES = ['order', 'product', 'coupon', 'user'];
const url = (db: string) => `postgresql://saga:saga@127.0.0.1:5433/${db}_db`;
const minutes = Number(process.argv[2] ?? 2);

function pct(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!) : NaN;
}

async function main(): Promise<void> {
  const published = new Map<string, { type: string; created: number; published: number }>();
  const relay = new Map<string, number[]>();
  for (const service of SERVICES) {
    const db = new Client({ connectionString: url(service) });
    await db.connect();
    const { rows } = await db.query(
      `SELECT event_id, event_type, created_at, published_at FROM outbox_message
       WHERE created_at > now() - make_interval(mins => $1::int) AND published_at IS NOT NULL`,
      [minutes],
    );
    for (const row of rows) {
      const created = row.created_at.getTime();
      const at = row.published_at.getTime();
      published.set(row.event_id, { type: `${service}:${row.event_type}`, created, published: at });
      relay.set(service, [...(relay.get(service) ?? []), at - created]);
    }
    await db.end();
  }
  console.log('relay commit -> published (ms): service p50 p90 p99 n');
  for (const [service, values] of relay)
    console.log(`  ${service} ${pct(values, 0.5)} ${pct(values, 0.9)} ${pct(values, 0.99)} ${values.length}`);
  console.log('published -> handled (ms): consumer event p50 p90 p99 n');
  for (const service of SERVICES) {
    const db = new Client({ connectionString: url(service) });
    await db.connect();
    const { rows } = await db.query(
      `SELECT consumer_group, event_id, processed_at FROM processed_message WHERE processed_at > now() - make_interval(mins => $1::int)`,
      [minutes],
    );
    const byKind = new Map<string, number[]>();
    for (const row of rows) {
      const event = published.get(row.event_id);
      if (!event) continue;
      const kind = `${row.consumer_group} <- ${event.type}`;
      byKind.set(kind, [...(byKind.get(kind) ?? []), row.processed_at.getTime() - event.published]);
    }
    for (const [kind, values] of byKind)
      console.log(`  ${kind} ${pct(values, 0.5)} ${pct(values, 0.9)} ${pct(values, 0.99)} ${values.length}`);
    await db.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
