import { randomUUID } from 'node:crypto';
import { registerOutboxBacklog } from '@saga/metrics';
import type { Kafka, Producer } from 'kafkajs';
import { Pool } from 'pg';
import type { Logger } from 'pino';
import { notifyChannelOf } from '../channel';
import { backoffDelay, BackoffPolicy } from './backoff';
import { BatchPublisher } from './batch-publisher';
import { OutboxStats, readOutboxStats } from './outbox-stats';
import { eventProducerConfig } from './producer-config';
import { RelayConnection } from './relay-connection';
import { WakeSignal } from './wake-signal';

export interface OutboxRelayOptions {
  service: string;
  databaseUrl: string;
  /**
   * A Kafka client (the relay creates an idempotent producer: idempotent, maxInFlightRequests 1,
   * acks -1) or a producer you created and connected that way yourself.
   */
  producer: Producer | Kafka;
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
  /** Backoff after a failed publish or a lost DB session; nothing is skipped. */
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
 * stop, network loss). Within the leader, rows go out in id order, one batch at a time, through an
 * idempotent producer with one in-flight request, so broker retries cannot reorder or duplicate.
 *
 * Delivery is at-least-once: a crash after the send and before the UPDATE republishes the batch,
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
  private producer: Producer | null = null;
  private ownsProducer = false;
  private publisher: BatchPublisher | null = null;
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
    this.backoff = options.backoff ?? { initialMs: 100, maxMs: 10_000 };
  }

  get isLeader(): boolean {
    return this.leader;
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    const given = this.options.producer;
    if (isKafka(given)) {
      this.producer = given.producer(eventProducerConfig());
      this.ownsProducer = true;
      await this.producer.connect();
    } else {
      this.producer = given;
    }
    this.publisher = new BatchPublisher(this.producer, this.options.service);
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
    if (this.ownsProducer) await this.producer?.disconnect();
    await this.statsPool?.end();
    this.statsPool = null;
  }

  async stats(): Promise<OutboxStats> {
    if (!this.statsPool) {
      this.statsPool = new Pool({ connectionString: this.options.databaseUrl, max: 1 });
      // an idle client's error must not crash the process; the next stats() reconnects
      this.statsPool.on('error', (error) => this.options.logger.warn({ err: error }, 'outbox stats connection failed'));
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
    );
    const failIfBroken = () => {
      if (sessionError) throw sessionError;
    };
    try {
      await connection.connect();
      if (this.options.notify ?? true) await connection.listen();
      onHealthy();
      while (this.running) {
        failIfBroken();
        if (!this.leader) {
          this.leader = await connection.tryLock();
          if (!this.leader) {
            await this.stopSignal.wait(this.lockRetryMs);
            continue;
          }
          this.options.logger.info({ service: this.options.service }, 'outbox relay is the leader');
        }
        await this.drain(connection, failIfBroken);
        const woken = await this.signal.wait(this.pollIntervalMs);
        if (woken && this.lingerMs > 0 && this.running) await delay(this.lingerMs);
      }
    } finally {
      if (this.leader) this.options.logger.info({ service: this.options.service }, 'outbox relay released leadership');
      this.leader = false;
      await connection.close();
    }
  }

  /** Publishes until nothing is left. Kafka failures back off and retry the same rows; DB failures end the session. */
  private async drain(connection: RelayConnection, failIfBroken: () => void): Promise<void> {
    failIfBroken();
    let rows = await connection.fetchUnpublished(this.batchSize);
    let failures = 0;
    while (rows.length > 0 && this.running) {
      failIfBroken();
      try {
        await this.publisher!.publish(rows);
      } catch (error) {
        const wait = backoffDelay(failures++, this.backoff);
        this.options.logger.warn(
          { err: error, rows: rows.length, firstId: rows[0].id, delayMs: wait },
          'outbox publish failed; retrying the same rows',
        );
        await this.stopSignal.wait(wait);
        continue;
      }
      failures = 0;
      rows = await connection.markPublishedAndFetchNext(
        rows.map((row) => row.id),
        this.batchSize,
      );
    }
  }
}

function isKafka(candidate: Producer | Kafka): candidate is Kafka {
  return typeof (candidate as Kafka).producer === 'function';
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
