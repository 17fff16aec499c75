import { randomUUID } from 'node:crypto';
import { registerOutboxBacklog } from '@saga/metrics';
import type { Kafka, Producer } from 'kafkajs';
import { Pool } from 'pg';
import type { Logger } from 'pino';
import { notifyChannelOf } from '../channel';
import { HealthReporter, noHealthReporter, reasonOf } from '../health-reporter';
import { handlePoolErrors } from '../sql/pool-errors';
import { backoffDelay, BackoffPolicy } from './backoff';
import { BatchPublisher } from './batch-publisher';
import { LeaderProducer, leaderProducerOf, RelayFencing } from './leader-producer';
import { OutboxStats, readOutboxStats } from './outbox-stats';
import { RelayConnection } from './relay-connection';
import { WakeSignal } from './wake-signal';

export interface OutboxRelayOptions {
  service: string;
  databaseUrl: string;
  /**
   * A Kafka client: each leadership term creates a transactional producer (one transactionalId per
   * outbox, so a new term fences the previous leader) and publishes every batch in a transaction.
   * A producer you created and connected yourself is used as is, without fencing (tests only).
   */
  producer: Producer | Kafka;
  /**
   * Leadership lease: a leader that stops renewing (frozen, cut off) loses the lock after this long
   * and a standby takes over. Default 10000 ms. Needs PostgreSQL 14+ (idle_session_timeout).
   */
  leaseMs?: number;
  /** How a new leader stops a frozen old one from publishing (see RelayFencing). Default 'transaction'. */
  fencing?: RelayFencing;
  /** Default `outbox-relay.<service>.<database>`: the same for every instance relaying one outbox. */
  transactionalId?: string;
  /** Component `outbox-relay` goes down while the session or the publishing fails. */
  health?: HealthReporter;
  logger: Logger;
  /** Rows per produce request. Default 200. */
  batchSize?: number;
  /** Fallback poll when no wake-up arrives (missed NOTIFY, notify disabled). Default 1000 ms. */
  pollIntervalMs?: number;
  /** LISTEN for the writers' NOTIFY (other instances' commits). Default true. */
  notify?: boolean;
  /**
   * Batching window after a wake-up before reading rows, so a burst of commits goes out as one
   * produce request (kafkajs has no linger.ms). Default 0: send at once; rows that commit while a
   * request is in flight still go out together in the next batch.
   */
  lingerMs?: number;
  /** How often a standby instance retries the leader lock. Default 1000 ms. */
  lockRetryMs?: number;
  /** Backoff after a failed publish or a lost DB session; nothing is skipped. Default 100 ms .. 2 s. */
  backoff?: BackoffPolicy;
  /** Report stats() as the saga_outbox_unpublished_rows / oldest age gauges on GET /metrics. Default true. */
  metrics?: boolean;
}

/**
 * Publishes committed outbox rows to Kafka, in id order, and marks them published.
 *
 * Why exactly one publisher per service database: Kafka keeps per-partition order only for what one
 * producer sends in order. If two relay instances read the same rows, an order's events could leave
 * through two producers and interleave. So every instance opens one dedicated session and competes
 * for a session-level advisory lock; the holder (leader) is the only one that reads and publishes,
 * standbys retry the lock every `lockRetryMs` and take over when the leader's session ends (crash,
 * stop, network loss) or its lease runs out (a frozen leader: see RelayConnection). Within the leader,
 * rows go out in id order, one batch at a time, with one in-flight request, so broker retries cannot
 * reorder or duplicate.
 *
 * Why a lease alone is not enough: a leader frozen in the middle of a publish wakes up after a
 * standby took over and would still complete its send. So each leadership term begins by
 * initialising a transactional producer under the outbox's one transactionalId, before it reads a
 * row: that bumps the producer epoch, which aborts the old leader's open transaction and fails its
 * commit (fenced). Consumers read committed (kafkajs' default), so a fenced batch is never seen.
 * A zombie can fetch no new rows either: its session, and with it every statement, is gone.
 * Any publish failure ends the term (session closed, lock released) and the relay competes again.
 *
 * Delivery is at-least-once: a crash after the commit and before the UPDATE republishes the batch,
 * which consumers absorb through their inbox (processed_message).
 */
export class OutboxRelay {
  /** NOTIFY payload of commits that also wake this relay in-process (SqlUnitOfWork notifyPayload). */
  readonly notifyId = randomUUID();
  private readonly signal = new WakeSignal();
  private readonly stopSignal = new WakeSignal();
  private readonly channel: string;
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly lingerMs: number;
  private readonly lockRetryMs: number;
  private readonly backoff: BackoffPolicy;
  private readonly leaseMs: number;
  private readonly health: HealthReporter;
  private running = false;
  private leader = false;
  private loop: Promise<void> | null = null;
  private statsPool: Pool | null = null;
  private unregisterGauges: (() => void) | null = null;

  constructor(private readonly options: OutboxRelayOptions) {
    this.channel = notifyChannelOf(options.service);
    this.batchSize = options.batchSize ?? 200;
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.lingerMs = options.lingerMs ?? 0;
    this.lockRetryMs = options.lockRetryMs ?? 1000;
    this.backoff = options.backoff ?? { initialMs: 100, maxMs: 2_000 };
    this.leaseMs = options.leaseMs ?? 10_000;
    this.health = options.health ?? noHealthReporter;
  }

  get isLeader(): boolean {
    return this.leader;
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.health.down(RELAY_COMPONENT, 'starting');
    if (this.options.metrics ?? true) {
      this.unregisterGauges = registerOutboxBacklog(() => this.stats());
    }
    this.loop = this.runSessions();
  }

  /** Publish soon: called after a local commit (SqlUnitOfWork onCommitted). */
  wake(): void {
    this.signal.fire();
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.signal.fire();
    this.stopSignal.fire();
    await this.loop;
    this.unregisterGauges?.();
    await this.statsPool?.end();
    this.statsPool = null;
  }

  async stats(): Promise<OutboxStats> {
    if (!this.statsPool) {
      this.statsPool = new Pool({ connectionString: this.options.databaseUrl, max: 1 });
      // a broken connection must not crash the process; the next stats() reconnects
      handlePoolErrors(this.statsPool, (error) =>
        this.options.logger.warn({ err: error }, 'outbox stats connection failed'),
      );
    }
    return readOutboxStats(this.statsPool);
  }

  /** Reconnects with backoff whenever the dedicated session fails; the lock is lost with it. */
  private async runSessions(): Promise<void> {
    let failures = 0;
    while (this.running) {
      try {
        await this.runSession(() => (failures = 0));
      } catch (error) {
        if (!this.running) break;
        const delay = backoffDelay(failures++, this.backoff);
        this.health.down(RELAY_COMPONENT, reasonOf(error));
        this.options.logger.warn({ err: error, delayMs: delay }, 'outbox relay session failed; reconnecting');
        await this.stopSignal.wait(delay);
      }
    }
  }

  private async runSession(onHealthy: () => void): Promise<void> {
    let sessionError: Error | null = null;
    const connection = new RelayConnection(
      this.options.databaseUrl,
      this.options.service,
      this.channel,
      this.notifyId,
      () => this.signal.fire(),
      (error) => {
        sessionError = error;
        this.signal.fire();
      },
      this.leaseMs,
    );
    const failIfBroken = () => {
      if (sessionError) throw sessionError;
    };
    let term: LeaderProducer | null = null;
    try {
      const database = await connection.connect();
      connection.startRenewing();
      if (this.options.notify ?? true) await connection.listen();
      // the leader waits at most a third of the lease between statements even without the renew timer
      const idleWaitMs = Math.min(this.pollIntervalMs, this.leaseMs / 3);
      while (this.running) {
        failIfBroken();
        if (!term) {
          if (!(await connection.tryLock())) {
            // a standby is healthy once its session works; a leader only once it has published
            onHealthy();
            this.health.up(RELAY_COMPONENT);
            await this.stopSignal.wait(Math.min(this.lockRetryMs, this.leaseMs / 3));
            continue;
          }
          // fence the previous term before reading a single row
          term = await leaderProducerOf(
            this.options.producer,
            this.transactionalId(database),
            this.options.fencing ?? 'transaction',
          );
          this.leader = true;
          this.options.logger.info({ service: this.options.service }, 'outbox relay is the leader');
        }
        const published = () => {
          onHealthy();
          this.health.up(RELAY_COMPONENT);
        };
        await this.drain(connection, new BatchPublisher(term, this.options.service), failIfBroken, published);
        published();
        const woken = await this.signal.wait(idleWaitMs);
        if (woken && this.lingerMs > 0 && this.running) await delay(this.lingerMs);
      }
    } finally {
      if (this.leader) this.options.logger.info({ service: this.options.service }, 'outbox relay released leadership');
      this.leader = false;
      // closing the session first releases the lock; the producer's open transaction (if any) is aborted by the next term
      await connection.close();
      await term?.close();
    }
  }

  private transactionalId(database: string): string {
    return this.options.transactionalId ?? `outbox-relay.${this.options.service}.${database}`;
  }

  /**
   * Publishes until nothing is left. Any failure ends the leadership term (the caller closes the
   * session and competes again after a backoff); the same rows are read again by the next leader.
   */
  /** `published` runs after every batch: a leader that keeps publishing under steady load is healthy before the outbox is ever empty. */
  private async drain(
    connection: RelayConnection,
    publisher: BatchPublisher,
    failIfBroken: () => void,
    published: () => void,
  ): Promise<void> {
    failIfBroken();
    let rows = await connection.fetchUnpublished(this.batchSize);
    while (rows.length > 0 && this.running) {
      failIfBroken();
      try {
        await publisher.publish(rows);
      } catch (error) {
        this.options.logger.warn(
          { err: error, rows: rows.length, firstId: rows[0].id },
          'outbox publish failed; ending the leadership term, the rows are published again',
        );
        throw error;
      }
      published();
      rows = await connection.markPublishedAndFetchNext(
        rows.map((row) => row.id),
        this.batchSize,
      );
    }
  }
}

const RELAY_COMPONENT = 'outbox-relay';

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
