import { Client } from 'pg';

export interface UnpublishedRow {
  id: string;
  eventId: string;
  topic: string;
  messageKey: string;
  eventType: string;
  /** The envelope exactly as it will be sent (JSON text). */
  value: string;
  headers: Record<string, string>;
  createdAt: Date;
}

const SELECT_UNPUBLISHED = `SELECT id::text AS "id", event_id AS "eventId", topic, message_key AS "messageKey",
       event_type AS "eventType", envelope::text AS "value", headers, created_at AS "createdAt"
  FROM outbox_message
 WHERE published_at IS NULL`;

/** Arbitrary but fixed namespace for the relay's advisory locks (first key of the two-key form). */
const LOCK_NAMESPACE = 'saga.outbox.relay';

/**
 * The relay's one dedicated session. The advisory lock is a *session* lock: it lives exactly as long
 * as this connection, so a crashed or partitioned leader loses it without any cleanup.
 */
export class RelayConnection {
  private readonly client: Client;

  constructor(
    databaseUrl: string,
    private readonly service: string,
    private readonly channel: string,
    ownNotifyId: string,
    onNotify: () => void,
    onError: (error: Error) => void,
  ) {
    this.client = new Client({ connectionString: databaseUrl, application_name: `outbox-relay:${service}` });
    this.client.on('notification', (message) => {
      // commits that carry our own id already woke the relay in-process
      if (message.channel === channel && message.payload !== ownNotifyId) onNotify();
    });
    this.client.on('error', onError);
  }

  async connect(): Promise<void> {
    await this.client.connect();
  }

  async listen(): Promise<void> {
    await this.client.query(`LISTEN "${this.channel}"`);
  }

  async tryLock(): Promise<boolean> {
    const result = await this.client.query<{ locked: boolean }>(
      'SELECT pg_try_advisory_lock(hashtext($1), hashtext($2)) AS locked',
      [LOCK_NAMESPACE, this.service],
    );
    return result.rows[0].locked;
  }

  async fetchUnpublished(limit: number): Promise<UnpublishedRow[]> {
    const result = await this.client.query<UnpublishedRow>(`${SELECT_UNPUBLISHED} ORDER BY id LIMIT $1`, [limit]);
    return result.rows;
  }

  /**
   * Marks a published batch and reads the next one in one round trip. The SELECT runs on the
   * statement's snapshot, which does not see the UPDATE, so the batch just marked is excluded by id.
   * The next batch still starts at the lowest unpublished id: a row that committed late with a lower
   * id goes out before later rows of its key.
   */
  async markPublishedAndFetchNext(ids: string[], limit: number): Promise<UnpublishedRow[]> {
    const result = await this.client.query<UnpublishedRow>(
      `WITH marked AS (UPDATE outbox_message SET published_at = now() WHERE id = ANY($1::bigint[]))
       ${SELECT_UNPUBLISHED} AND id <> ALL($1::bigint[]) ORDER BY id LIMIT $2`,
      [ids, limit],
    );
    return result.rows;
  }

  async close(): Promise<void> {
    await this.client.end().catch(() => undefined);
  }
}
