import type { SqlExecutor } from '@saga/outbox';
import type { SagaListFilter, SagaReadModel, SagaSummary } from '../../application/ports/saga-read-model';
import type { EntryKind, SagaState, TimelineEntry } from '../../domain/timeline';

interface SagaRow {
  order_id: string;
  user_id: string | null;
  state: SagaState;
  failure_reason: string | null;
  trace_id: string | null;
  started_at: Date;
  deadline_at: Date | null;
  ended_at: Date | null;
  last_event_at: Date;
  event_count: number;
  dead_letter_count: number;
}

interface EntryRow {
  order_id: string;
  kind: EntryKind;
  event_id: string | null;
  event_type: string;
  topic: string;
  partition: number;
  offset: string;
  service: string;
  occurred_at: Date;
  causation_id: string | null;
  failure_reason: string | null;
  compensation: boolean;
  trace_id: string | null;
  error: string | null;
  dead_letter_id: string | null;
}

const SAGA_COLUMNS = `order_id, user_id, state, failure_reason, trace_id, started_at, deadline_at, ended_at,
  last_event_at, event_count, dead_letter_count`;

/**
 * Newest first by (started_at, order_id), keyset-paged: every filter combination walks one of the
 * (started_at desc, order_id desc) indexes (all sagas, per user, per state) and stops after `limit` rows.
 */
export class SqlSagaReadModel implements SagaReadModel {
  constructor(private readonly db: SqlExecutor) {}

  async list(filter: SagaListFilter): Promise<SagaSummary[]> {
    const where: string[] = [];
    const values: unknown[] = [];
    const param = (value: unknown) => {
      values.push(value);
      return `$${values.length}`;
    };
    switch (filter.status) {
      case undefined:
        break;
      case 'OVERDUE':
        where.push(`state = 'IN_FLIGHT'`, `deadline_at < ${param(filter.now)}::timestamptz`);
        break;
      case 'IN_FLIGHT':
        where.push(`state = 'IN_FLIGHT'`, `(deadline_at IS NULL OR deadline_at >= ${param(filter.now)}::timestamptz)`);
        break;
      default:
        where.push(`state = ${param(filter.status)}::text`);
    }
    if (filter.failureReason) where.push(`failure_reason = ${param(filter.failureReason)}::text`);
    if (filter.userId) where.push(`user_id = ${param(filter.userId)}::text`);
    if (filter.from) where.push(`started_at >= ${param(filter.from)}::timestamptz`);
    if (filter.to) where.push(`started_at <= ${param(filter.to)}::timestamptz`);
    if (filter.after) {
      where.push(
        `(started_at, order_id) < (${param(filter.after.startedAt)}::timestamptz, ${param(filter.after.orderId)}::text)`,
      );
    }
    const rows = await this.db.query<SagaRow[]>(
      `SELECT ${SAGA_COLUMNS} FROM saga ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY started_at DESC, order_id DESC LIMIT ${param(filter.limit)}::int`,
      ...values,
    );
    return rows.map(toSummary);
  }

  async find(orderId: string): Promise<SagaSummary | null> {
    const rows = await this.db.query<SagaRow[]>(`SELECT ${SAGA_COLUMNS} FROM saga WHERE order_id = $1`, orderId);
    return rows[0] ? toSummary(rows[0]) : null;
  }

  async timeline(orderId: string): Promise<TimelineEntry[]> {
    const rows = await this.db.query<EntryRow[]>(
      `SELECT order_id, kind, event_id, event_type, topic, partition, "offset", service, occurred_at, causation_id,
              failure_reason, compensation, trace_id, error, dead_letter_id
       FROM saga_event WHERE order_id = $1 ORDER BY occurred_at, id`,
      orderId,
    );
    return rows.map((row) => ({
      orderId: row.order_id,
      kind: row.kind,
      eventId: row.event_id,
      eventType: row.event_type,
      topic: row.topic,
      partition: row.partition,
      offset: row.offset,
      service: row.service,
      occurredAt: row.occurred_at,
      causationId: row.causation_id,
      failureReason: row.failure_reason,
      compensation: row.compensation,
      traceId: row.trace_id,
      error: row.error,
      deadLetterId: row.dead_letter_id,
    }));
  }
}

function toSummary(row: SagaRow): SagaSummary {
  return {
    orderId: row.order_id,
    userId: row.user_id,
    state: row.state,
    failureReason: row.failure_reason,
    traceId: row.trace_id,
    startedAt: row.started_at,
    deadlineAt: row.deadline_at,
    endedAt: row.ended_at,
    lastEventAt: row.last_event_at,
    eventCount: row.event_count,
    deadLetterCount: row.dead_letter_count,
  };
}
