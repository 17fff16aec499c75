import { Envelope } from '@saga/contracts';
import { notifyChannelOf } from '../channel';
import { SqlExecutor } from '../sql-executor';
import { OutboxRow, toOutboxRow } from './outbox-row';

/**
 * Inserts events into outbox_message inside the caller's transaction and notifies the relay.
 * NOTIFY is transactional in PostgreSQL: listeners only hear it if (and when) the transaction commits.
 */
export class OutboxWriter {
  private readonly channel: string;

  constructor(
    private readonly options: {
      service: string;
      topicPrefix?: string;
      /** NOTIFY payload: the relay's notifyId when the caller also wakes that relay in-process. Default ''. */
      notifyPayload?: string;
    },
  ) {
    this.channel = notifyChannelOf(options.service);
  }

  /** The rows for these events, each carrying the trace context active at this call. */
  rowsOf(events: readonly Envelope[]): OutboxRow[] {
    return events.map((event) => toOutboxRow(event, this.options.topicPrefix));
  }

  /**
   * Inserts rows in order and NOTIFYs the relay, in one round trip whatever their number (every statement
   * costs a socket write and read, and round trips dominate a handler's cost). Arrays keep one statement
   * text, so one prepared plan per connection. The data-modifying CTE runs whether or not the SELECT reads it.
   */
  async insert(tx: SqlExecutor, rows: readonly OutboxRow[]): Promise<void> {
    if (rows.length === 0) return;
    const { sql, values } = this.insertStatement(rows);
    await tx.execute(sql, ...values);
  }

  /** The one statement insert() sends, for a caller that sends it itself (with the COMMIT). */
  insertStatement(rows: readonly OutboxRow[]): { sql: string; values: unknown[] } {
    return {
      sql: INSERT_SQL,
      values: [
        rows.map((row) => row.eventId),
        rows.map((row) => row.topic),
        rows.map((row) => row.messageKey),
        rows.map((row) => row.eventType),
        rows.map((row) => JSON.stringify(row.envelope)),
        rows.map((row) => JSON.stringify(row.headers)),
        this.channel,
        this.options.notifyPayload ?? '',
      ],
    };
  }
}

const INSERT_SQL = `WITH inserted AS (
  INSERT INTO outbox_message (event_id, topic, message_key, event_type, envelope, headers)
  SELECT event_id, topic, message_key, event_type, envelope::jsonb, headers::jsonb
  FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
    AS r(event_id, topic, message_key, event_type, envelope, headers))
SELECT pg_notify($7, $8)`;
