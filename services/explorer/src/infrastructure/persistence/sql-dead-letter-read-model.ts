import type { SqlExecutor } from '@saga/outbox';
import type { DeadLetterPage, DeadLetterReadModel, DeadLetterView } from '../../application/ports/dead-letters';

interface DeadLetterRow {
  id: string;
  dead_letter_topic: string;
  partition: number;
  offset: string;
  original_topic: string | null;
  original_partition: number | null;
  original_offset: string | null;
  consumer_group: string | null;
  error: string | null;
  attempts: number | null;
  failed_at: Date | null;
  event_id: string | null;
  event_type: string | null;
  order_id: string | null;
  message_key: Buffer | null;
  message_value: Buffer | null;
  headers: Record<string, string>;
  recorded_at: Date;
  replays: Array<{ replayedBy: string; replayedAt: string; targetTopic: string }>;
}

const SELECT = `
SELECT d.*, COALESCE((
  SELECT json_agg(json_build_object('replayedBy', r.replayed_by, 'replayedAt', r.replayed_at,
                                    'targetTopic', r.target_topic) ORDER BY r.id)
  FROM dead_letter_replay r WHERE r.dead_letter_id = d.id), '[]'::json) AS replays
FROM dead_letter d`;

export class SqlDeadLetterReadModel implements DeadLetterReadModel {
  constructor(private readonly db: SqlExecutor) {}

  async list(page: DeadLetterPage): Promise<DeadLetterView[]> {
    const where: string[] = [];
    const values: unknown[] = [];
    const param = (value: unknown) => {
      values.push(value);
      return `$${values.length}`;
    };
    if (page.originalTopic) where.push(`d.original_topic = ${param(page.originalTopic)}::text`);
    if (page.consumerGroup) where.push(`d.consumer_group = ${param(page.consumerGroup)}::text`);
    if (page.orderId) where.push(`d.order_id = ${param(page.orderId)}::text`);
    if (page.after) {
      where.push(
        `(d.recorded_at, d.id) < (${param(page.after.recordedAt)}::timestamptz, ${param(page.after.id)}::text)`,
      );
    }
    const rows = await this.db.query<DeadLetterRow[]>(
      `${SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY d.recorded_at DESC, d.id DESC LIMIT ${param(page.limit)}::int`,
      ...values,
    );
    return rows.map(toView);
  }

  async find(id: string): Promise<DeadLetterView | null> {
    const rows = await this.db.query<DeadLetterRow[]>(`${SELECT} WHERE d.id = $1`, id);
    return rows[0] ? toView(rows[0]) : null;
  }
}

function toView(row: DeadLetterRow): DeadLetterView {
  return {
    id: row.id,
    deadLetterTopic: row.dead_letter_topic,
    partition: row.partition,
    offset: row.offset,
    originalTopic: row.original_topic,
    originalPartition: row.original_partition,
    originalOffset: row.original_offset,
    consumerGroup: row.consumer_group,
    error: row.error,
    attempts: row.attempts,
    failedAt: row.failed_at,
    eventId: row.event_id,
    eventType: row.event_type,
    orderId: row.order_id,
    key: row.message_key,
    value: row.message_value,
    headers: row.headers,
    recordedAt: row.recorded_at,
    replays: row.replays.map((replay) => ({ ...replay, replayedAt: new Date(replay.replayedAt) })),
  };
}
