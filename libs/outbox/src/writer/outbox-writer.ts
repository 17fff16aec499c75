import { Envelope } from '@saga/contracts';
import { notifyChannelOf } from '../channel';
import { SqlExecutor } from '../sql-executor';
import { toOutboxRow } from './outbox-row';

const COLUMNS_PER_ROW = 6;

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

  async append(tx: SqlExecutor, events: readonly Envelope[]): Promise<void> {
    if (events.length === 0) return;
    const rows = events.map((event) => toOutboxRow(event, this.options.topicPrefix));
    const values: unknown[] = [];
    const tuples = rows.map((row, i) => {
      values.push(
        row.eventId,
        row.topic,
        row.messageKey,
        row.eventType,
        JSON.stringify(row.envelope),
        JSON.stringify(row.headers),
      );
      const p = i * COLUMNS_PER_ROW;
      return `($${p + 1}::uuid, $${p + 2}, $${p + 3}, $${p + 4}, $${p + 5}::jsonb, $${p + 6}::jsonb)`;
    });
    values.push(this.channel, this.options.notifyPayload ?? '');
    // One round trip: every statement costs a socket write and read, and round trips dominate a
    // handler's cost. The data-modifying CTE always runs, whether or not the SELECT reads it.
    await tx.execute(
      `WITH inserted AS (INSERT INTO outbox_message (event_id, topic, message_key, event_type, envelope, headers) ` +
        `VALUES ${tuples.join(', ')}) SELECT pg_notify($${values.length - 1}, $${values.length})`,
      ...values,
    );
  }
}
