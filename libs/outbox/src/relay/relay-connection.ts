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
 * as this connection, so a crashed leader loses it without any cleanup. A *frozen* leader (SIGSTOP, VM
 * pause, network cut) keeps its TCP connection, so the session also carries a lease: the server ends
 * it after `leaseMs` without a statement (`idle_session_timeout`, PostgreSQL 14+), and the relay
 * issues one at least every third of that while it is alive. A leader that stops renewing loses the
 * lock within `leaseMs`; the Kafka transactional producer of the next leader fences whatever the old
 * one still had in flight (see OutboxRelay).
 */
export class RelayConnection {
  private readonly client: Client;
  private renewTimer: NodeJS.Timeout | null = null;

  constructor(
    databaseUrl: string,
    private readonly service: string,
    private readonly channel: string,
    ownNotifyId: string,
    onNotify: () => void,
    onError: (error: Error) => void,
    private readonly leaseMs: number,
  ) {
    this.client = new Client({
      connectionString: databaseUrl,
      application_name: `outbox-relay:${service}`,
      // a dead server or a cut network is noticed by the client too, not only by the server's timeout
      keepAlive: true,
      keepAliveInitialDelayMillis: leaseMs,
    });
    this.client.on('notification', (message) => {
      // commits that carry our own id already woke the relay in-process
      if (message.channel === channel && message.payload !== ownNotifyId) onNotify();
    });
    this.client.on('error', onError);
  }

  /** Connects, arms the lease and returns the database name (part of the relay's transactional id). */
  async connect(): Promise<string> {
    await this.client.connect();
    const result = await this.client.query<{ database: string }>(
      `SELECT set_config('idle_session_timeout', $1, false), current_database() AS database`,
      [`${Math.round(this.leaseMs)}ms`],
    );
    return result.rows[0].database;
  }

  /**
   * Renews the lease every third of it while this process runs (any statement resets the server's
   * idle timer), also while a publish waits on Kafka: the lease says "alive", not "fast". Failures
   * surface through the client's 'error' event and the next real statement.
   */
  startRenewing(): void {
    this.renewTimer ??= setInterval(() => void this.client.query('SELECT 1').catch(() => undefined), this.leaseMs / 3);
    this.renewTimer.unref();
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
    const result = await this.client.query<UnpublishedRow>({
      name: 'outbox_relay_fetch',
      text: `${SELECT_UNPUBLISHED} ORDER BY id LIMIT $1`,
      values: [limit],
    });
    return result.rows;
  }

  /**
   * Marks a published batch and reads the next one in one round trip. The SELECT runs on the
   * statement's snapshot, which does not see the UPDATE, so the batch just marked is excluded by id.
   * The next batch still starts at the lowest unpublished id: a row that committed late with a lower
   * id goes out before later rows of its key.
   */
  async markPublishedAndFetchNext(ids: string[], limit: number): Promise<UnpublishedRow[]> {
    const result = await this.client.query<UnpublishedRow>({
      // named: parsed and planned once per session, not once per batch
      name: 'outbox_relay_mark_and_fetch',
      text: `WITH marked AS (UPDATE outbox_message SET published_at = now() WHERE id = ANY($1::bigint[]))
       ${SELECT_UNPUBLISHED} AND id <> ALL($1::bigint[]) ORDER BY id LIMIT $2`,
      values: [ids, limit],
    });
    return result.rows;
  }

  async close(): Promise<void> {
    if (this.renewTimer) clearInterval(this.renewTimer);
    this.renewTimer = null;
    await this.client.end().catch(() => undefined);
  }
}
