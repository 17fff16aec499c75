import { executeDeferred, type SqlExecutor } from '@saga/outbox';
import type { TimelineStore } from '../../application/ports/projection-unit-of-work';
import type { SagaContribution, TimelineEntry } from '../../domain/timeline';

/**
 * Timeline rows and the saga rows created or merged from them, many entries per statement. Entries of one
 * order arrive from nine topics in any order, so every merge is order-independent: the first terminal event
 * wins, OrderPlaced (the only contribution with a deadline) sets the start, deadline and trace, otherwise the
 * earliest time seen is the start. One statement may not merge into the same saga row twice, so each
 * statement carries at most one entry per order (see rounds()).
 */
const APPEND = `
WITH input AS (
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::text[], $8::text[],
                       $9::timestamptz[], $10::text[], $11::text[], $12::boolean[], $13::text[], $14::text[], $15::text[],
                       $16::text[], $17::text[], $18::text[], $19::text[], $20::timestamptz[], $21::timestamptz[], $22::int[])
    AS t(order_id, kind, event_id, event_type, topic, partition, "offset", service, occurred_at, causation_id,
         failure_reason, compensation, trace_id, error, dead_letter_id, saga_user_id, terminal, saga_failure_reason,
         saga_trace_id, placed_at, deadline_at, dead_letters)
), entry AS (
  INSERT INTO saga_event (order_id, kind, event_id, event_type, topic, partition, "offset", service, occurred_at,
                          causation_id, failure_reason, compensation, trace_id, error, dead_letter_id)
  SELECT order_id, kind, event_id, event_type, topic, partition, "offset", service, occurred_at,
         causation_id, failure_reason, compensation, trace_id, error, dead_letter_id
  FROM input
)
INSERT INTO saga AS s (order_id, user_id, state, failure_reason, trace_id, started_at, deadline_at, ended_at,
                       last_event_at, event_count, dead_letter_count)
SELECT order_id, saga_user_id, COALESCE(terminal, 'IN_FLIGHT'), saga_failure_reason, saga_trace_id,
       COALESCE(placed_at, occurred_at), deadline_at, CASE WHEN terminal IS NULL THEN NULL ELSE occurred_at END,
       occurred_at, 1, dead_letters
FROM input
ON CONFLICT (order_id) DO UPDATE SET
  user_id = COALESCE(s.user_id, EXCLUDED.user_id),
  state = CASE WHEN s.state = 'IN_FLIGHT' THEN EXCLUDED.state ELSE s.state END,
  failure_reason = CASE WHEN s.state = 'IN_FLIGHT' THEN EXCLUDED.failure_reason ELSE s.failure_reason END,
  ended_at = CASE WHEN s.state = 'IN_FLIGHT' THEN EXCLUDED.ended_at ELSE s.ended_at END,
  trace_id = CASE WHEN EXCLUDED.deadline_at IS NOT NULL THEN COALESCE(EXCLUDED.trace_id, s.trace_id)
                  ELSE COALESCE(s.trace_id, EXCLUDED.trace_id) END,
  started_at = CASE WHEN EXCLUDED.deadline_at IS NOT NULL THEN EXCLUDED.started_at
                    WHEN s.deadline_at IS NOT NULL THEN s.started_at
                    ELSE LEAST(s.started_at, EXCLUDED.started_at) END,
  deadline_at = COALESCE(EXCLUDED.deadline_at, s.deadline_at),
  last_event_at = GREATEST(s.last_event_at, EXCLUDED.last_event_at),
  event_count = s.event_count + 1,
  dead_letter_count = s.dead_letter_count + EXCLUDED.dead_letter_count`;

interface Pending {
  entry: TimelineEntry;
  saga: SagaContribution;
}

/** The entries of one transaction not yet written; written together just before its commit. */
const pendingOf = new WeakMap<SqlExecutor, Pending[]>();

export class SqlTimelineStore implements TimelineStore {
  constructor(private readonly tx: SqlExecutor) {}

  async append(entry: TimelineEntry, saga: SagaContribution): Promise<void> {
    if (!this.tx.beforeCommit) return write(this.tx, [{ entry, saga }]);
    let pending = pendingOf.get(this.tx);
    if (!pending) {
      const rows: Pending[] = [];
      pending = rows;
      pendingOf.set(this.tx, rows);
      this.tx.beforeCommit(async () => {
        pendingOf.delete(this.tx);
        for (const round of rounds(rows)) await write(this.tx, round);
      });
    }
    pending.push({ entry, saga });
  }
}

/** Rows split so that no statement holds two entries of one order, each order's entries in their order. */
function rounds(rows: readonly Pending[]): Pending[][] {
  const result: Pending[][] = [];
  const seen = new Map<string, number>();
  for (const row of rows) {
    const round = seen.get(row.entry.orderId) ?? 0;
    seen.set(row.entry.orderId, round + 1);
    (result[round] ??= []).push(row);
  }
  return result;
}

async function write(tx: SqlExecutor, rows: readonly Pending[]): Promise<void> {
  const column = <T>(of: (row: Pending) => T): T[] => rows.map(of);
  // deferred: the rounds of a transaction travel with its COMMIT
  await executeDeferred(
    tx,
    APPEND,
    column((r) => r.entry.orderId),
    column((r) => r.entry.kind),
    column((r) => r.entry.eventId),
    column((r) => r.entry.eventType),
    column((r) => r.entry.topic),
    column((r) => r.entry.partition),
    column((r) => r.entry.offset),
    column((r) => r.entry.service),
    column((r) => r.entry.occurredAt),
    column((r) => r.entry.causationId),
    column((r) => r.entry.failureReason),
    column((r) => r.entry.compensation),
    column((r) => r.entry.traceId),
    column((r) => r.entry.error),
    column((r) => r.entry.deadLetterId),
    column((r) => r.saga.userId),
    column((r) => r.saga.terminal),
    column((r) => r.saga.failureReason),
    column((r) => r.saga.traceId),
    column((r) => r.saga.placedAt),
    column((r) => r.saga.deadlineAt),
    column((r) => (r.saga.deadLetter ? 1 : 0)),
  );
}
