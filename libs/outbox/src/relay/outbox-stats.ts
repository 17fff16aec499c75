import { Pool } from 'pg';

export interface OutboxStats {
  unpublished: number;
  /** 0 when nothing is waiting. */
  oldestUnpublishedAgeMs: number;
}

export async function readOutboxStats(pool: Pool): Promise<OutboxStats> {
  const result = await pool.query<{ unpublished: number; age_ms: number | null }>(
    `SELECT count(*)::int AS unpublished,
            (EXTRACT(EPOCH FROM (clock_timestamp() - min(created_at))) * 1000)::float8 AS age_ms
       FROM outbox_message
      WHERE published_at IS NULL`,
  );
  const row = result.rows[0];
  return { unpublished: row.unpublished, oldestUnpublishedAgeMs: Math.max(0, Math.round(row.age_ms ?? 0)) };
}
