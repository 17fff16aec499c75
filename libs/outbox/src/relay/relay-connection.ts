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
    onNotify: () => void,
    onError: (error: Error) => void,
  ) {
    this.client = new Client({ connectionString: databaseUrl, application_name: `outbox-relay:${service}` });
    this.client.on('notification', (message) => {
      if (message.channel === channel) onNotify();
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
    const result = await this.client.query<UnpublishedRow>(
      `SELECT id::text AS "id", event_id AS "eventId", topic, message_key AS "messageKey",
              event_type AS "eventType", envelope::text AS "value", headers, created_at AS "createdAt"
         FROM outbox_message
        WHERE published_at IS NULL
        ORDER BY id
        LIMIT $1`,
      [limit],
    );
    return result.rows;
  }

  async markPublished(ids: string[]): Promise<void> {
    await this.client.query('UPDATE outbox_message SET published_at = now() WHERE id = ANY($1::bigint[])', [ids]);
  }

  async close(): Promise<void> {
    await this.client.end().catch(() => undefined);
  }
}
