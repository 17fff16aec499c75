import type { SqlExecutor } from '@saga/outbox';
import type { TimelineStore } from '../../application/ports/projection-unit-of-work';
import type { SagaContribution, TimelineEntry } from '../../domain/timeline';

/**
 * One statement per entry: the timeline row, and the saga row created or merged. Entries of one order arrive
 * from nine topics in any order, so every merge is order-independent: the first terminal event wins, OrderPlaced
 * sets the start, deadline and trace, otherwise the earliest time seen is the start.
 */
const APPEND = `
WITH entry AS (
  INSERT INTO saga_event (order_id, kind, event_id, event_type, topic, partition, "offset", service, occurred_at,
                          causation_id, failure_reason, compensation, trace_id, error, dead_letter_id)
  VALUES ($1::text, $2, $3, $4, $5, $6, $7, $8, $9::timestamptz, $10, $11, $12, $13, $14, $15)
)
INSERT INTO saga AS s (order_id, user_id, state, failure_reason, trace_id, started_at, deadline_at, ended_at,
                       last_event_at, event_count, dead_letter_count)
VALUES ($1::text, $16::text, COALESCE($17::text, 'IN_FLIGHT'), $18::text, $19::text,
        COALESCE($20::timestamptz, $9::timestamptz), $21::timestamptz,
        CASE WHEN $17::text IS NULL THEN NULL ELSE $9::timestamptz END, $9::timestamptz, 1, $22::int)
ON CONFLICT (order_id) DO UPDATE SET
  user_id = COALESCE(s.user_id, EXCLUDED.user_id),
  state = CASE WHEN s.state = 'IN_FLIGHT' THEN EXCLUDED.state ELSE s.state END,
  failure_reason = CASE WHEN s.state = 'IN_FLIGHT' THEN EXCLUDED.failure_reason ELSE s.failure_reason END,
  ended_at = CASE WHEN s.state = 'IN_FLIGHT' THEN EXCLUDED.ended_at ELSE s.ended_at END,
  trace_id = CASE WHEN $20::timestamptz IS NOT NULL THEN COALESCE(EXCLUDED.trace_id, s.trace_id)
                  ELSE COALESCE(s.trace_id, EXCLUDED.trace_id) END,
  started_at = CASE WHEN $20::timestamptz IS NOT NULL THEN EXCLUDED.started_at
                    WHEN s.deadline_at IS NOT NULL THEN s.started_at
                    ELSE LEAST(s.started_at, EXCLUDED.started_at) END,
  deadline_at = COALESCE(EXCLUDED.deadline_at, s.deadline_at),
  last_event_at = GREATEST(s.last_event_at, EXCLUDED.last_event_at),
  event_count = s.event_count + 1,
  dead_letter_count = s.dead_letter_count + EXCLUDED.dead_letter_count`;

export class SqlTimelineStore implements TimelineStore {
  constructor(private readonly tx: SqlExecutor) {}

  async append(entry: TimelineEntry, saga: SagaContribution): Promise<void> {
    await this.tx.execute(
      APPEND,
      entry.orderId,
      entry.kind,
      entry.eventId,
      entry.eventType,
      entry.topic,
      entry.partition,
      entry.offset,
      entry.service,
      entry.occurredAt,
      entry.causationId,
      entry.failureReason,
      entry.compensation,
      entry.traceId,
      entry.error,
      entry.deadLetterId,
      saga.userId,
      saga.terminal,
      saga.failureReason,
      saga.traceId,
      saga.placedAt,
      saga.deadlineAt,
      saga.deadLetter ? 1 : 0,
    );
  }
}
