import { Pool } from 'pg';
import { serviceList } from '@saga/contracts';
import { BenchEnv } from '../config/env';
import { LatencySummary, summarize } from './percentiles';
import { TerminalEvent } from './order-tracker';

export interface ProjectionLag {
  /** ms from the terminal event's Kafka timestamp (relay publish) to the explorer's transaction that projected it */
  lagMs: LatencySummary;
  /** terminal events the explorer had not projected when measured */
  missing: number;
}

/**
 * How far the saga explorer's projection trails the saga: for each terminal event the bench saw, the
 * explorer's inbox row (processed_message, stamped with its transaction's start) minus the event's Kafka
 * timestamp. Null when the explorer's database is absent (explorer not running).
 */
export async function measureProjectionLag(env: BenchEnv, terminals: TerminalEvent[]): Promise<ProjectionLag | null> {
  const explorer = serviceList().find((s) => !s.saga && s.name === 'explorer');
  if (!explorer || terminals.length === 0) return null;
  const pool = new Pool({ connectionString: `${env.BENCH_PG_URL.replace(/\/+$/, '')}/${explorer.database}`, max: 1 });
  pool.on('error', () => undefined);
  try {
    const rows = await pool
      .query<{ event_id: string; processed_ms: string }>(
        `SELECT event_id::text AS event_id, (extract(epoch FROM min(processed_at)) * 1000)::bigint::text AS processed_ms
           FROM processed_message WHERE event_id = ANY($1::uuid[]) GROUP BY event_id`,
        [terminals.map((t) => t.eventId)],
      )
      .then((r) => r.rows)
      .catch((error: { code?: string }) => {
        if (error.code === '3D000' || error.code === '42P01') return null; // no explorer database / schema
        throw error;
      });
    if (rows === null) return null;
    const projected = new Map(rows.map((r) => [r.event_id, Number(r.processed_ms)]));
    const lags: number[] = [];
    for (const t of terminals) {
      const at = projected.get(t.eventId);
      if (at !== undefined) lags.push(Math.max(0, at - t.publishedAtMs));
    }
    return { lagMs: summarize(lags), missing: terminals.length - lags.length };
  } finally {
    await pool.end();
  }
}
