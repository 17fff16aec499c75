import { ConsumerMetricsFactory, prometheusConsumerMetrics } from '@saga/metrics';
import { eventProducerConfig, HealthReporter, noHealthReporter, reasonOf, SqlExecutor, UnitOfWork } from '@saga/outbox';
import type { Consumer, Kafka, Producer } from 'kafkajs';
import type { Logger } from 'pino';
import { publishDeadLetter } from './dead-letter';
import { consumerGroupOf, MessageHandler, subscribedTopic } from './event-handler';
import { IncomingMessage, MessageProcessor } from './message-processor';
import { OffsetCommitter } from './offset-committer';
import { RetryPolicy } from './retry-policy';

export interface ConsumerHostOptions {
  service: string;
  kafka: Kafka;
  uow: UnitOfWork<any>;
  logger: Logger;
  retry: RetryPolicy;
  /** Partitions of one topic processed in parallel; one partition is always sequential. Default 1. */
  partitionsConsumedConcurrently?: number;
  /** Where a brand-new consumer group starts. Default true: a new handler sees the topic's history. */
  fromBeginning?: boolean;
  /** Prepended to every subscribed topic (parseEvent still checks the catalog topic); for isolated test runs. */
  topicPrefix?: string;
  /**
   * A member that sends no heartbeat this long (crashed, frozen) is removed from its group and its
   * partitions move; also bounds how long a restarted instance waits for its dead predecessor. Default 10000.
   */
  sessionTimeoutMs?: number;
  /** Default 1000: a rebalance started by a joining or leaving member reaches every member this fast. */
  heartbeatIntervalMs?: number;
  /** How long the group waits for every member to rejoin during a rebalance. Default 15000. */
  rebalanceTimeoutMs?: number;
  /** Longest backoff before a crashed consumer restarts. Default 2000. */
  restartMaxMs?: number;
  /** Component `consumer:<group>` is down until the group is joined and after a crash until rejoined. */
  health?: HealthReporter;
  /** Longest a fetch waits for new messages; also bounds how long stop() waits for an idle fetch. Default 1000. */
  maxWaitTimeMs?: number;
  /**
   * Offsets of handled messages are committed at most this often (and on stop), not after every
   * message: one OffsetCommit per interval instead of one per message. A crash or rebalance
   * redelivers at most an interval's worth of messages, which the inbox skips. Default 200.
   */
  commitIntervalMs?: number;
  /** Per consumer group recorder; default the Prometheus one behind GET /metrics. */
  metrics?: ConsumerMetricsFactory;
  /**
   * Most messages of one fetched partition batch handled in one transaction (one inbox insert, one
   * commit). A batch that fails is processed again one message at a time. 1 = a transaction per
   * message. Default 50.
   */
  maxBatchSize?: number;
}

interface Running {
  handler: MessageHandler;
  consumer: Consumer;
  offsets: OffsetCommitter;
}

/**
 * Runs every registered handler in its own consumer group (`<service>.<handler.name>`), so each
 * reaction keeps its own offsets, retries and dead letters. All cross-cutting behaviour lives in
 * MessageProcessor; handlers only turn an event into a command.
 */
export class ConsumerHost {
  private readonly handlers: MessageHandler[] = [];
  private readonly running: Running[] = [];
  private producer: Producer | null = null;
  private stopping = false;
  private background: Promise<void> | null = null;
  private stopRequested = false;

  constructor(private readonly options: ConsumerHostOptions) {}

  register(...handlers: MessageHandler[]): void {
    for (const handler of handlers) {
      if (this.handlers.some((h) => h.name === handler.name)) {
        throw new Error(`handler ${handler.name} registered twice: consumer groups must be unique`);
      }
      this.handlers.push(handler);
    }
  }

  /** Resolves when every consumer group has been joined. */
  async start(): Promise<void> {
    if (this.producer) throw new Error('ConsumerHost already started');
    this.stopping = false;
    this.producer = this.options.kafka.producer(eventProducerConfig());
    await this.producer.connect();
    await Promise.all(this.handlers.map((handler) => this.startHandler(handler)));
    this.options.logger.info(
      { groups: this.handlers.map((h) => consumerGroupOf(this.options.service, h)) },
      'consumers joined their groups',
    );
  }

  /**
   * Starts without waiting: HTTP, database and outbox serve while the groups are joined, and a broker
   * that is down at start-up is retried (capped backoff) instead of failing the process. Readiness
   * reports each group as down until it joined.
   */
  startInBackground(): void {
    if (this.background) return;
    this.stopRequested = false;
    for (const handler of this.handlers) this.health.down(this.componentOf(handler), 'joining');
    this.background = (async () => {
      for (let attempt = 0; !this.stopRequested; attempt++) {
        try {
          await this.start();
          return;
        } catch (error) {
          const delayMs = Math.min(200 * 2 ** attempt, this.options.restartMaxMs ?? 2000);
          this.options.logger.warn({ err: error, delayMs }, 'consumers could not start; retrying');
          await this.stopConsumers().catch(() => undefined);
          await new Promise((resolve) => setTimeout(resolve, delayMs));
        }
      }
    })();
  }

  /** Resolves once a background start has joined every group (at once when not started in the background). */
  async whenStarted(): Promise<void> {
    await this.background;
  }

  /** Stops fetching, lets in-flight messages finish, commits their offsets and disconnects. */
  async stop(): Promise<void> {
    this.stopRequested = true;
    // not awaited: a background start may wait for a join that never comes (broker down)
    this.background = null;
    await this.stopConsumers();
  }

  private get health(): HealthReporter {
    return this.options.health ?? noHealthReporter;
  }

  private componentOf(handler: MessageHandler): string {
    return `consumer:${this.options.topicPrefix ?? ''}${consumerGroupOf(this.options.service, handler)}`;
  }

  private async stopConsumers(): Promise<void> {
    this.stopping = true;
    await Promise.all(
      this.running.splice(0).map(async ({ handler, consumer, offsets }) => {
        consumer.pause([{ topic: `${this.options.topicPrefix ?? ''}${subscribedTopic(handler)}` }]);
        await offsets.drain();
        await consumer.disconnect();
      }),
    );
    await this.producer?.disconnect();
    this.producer = null;
  }

  private async restartHandler(handler: MessageHandler): Promise<void> {
    if (this.stopping || this.stopRequested) return;
    const index = this.running.findIndex((r) => r.handler === handler);
    if (index >= 0) {
      const [old] = this.running.splice(index, 1);
      await old.consumer.disconnect().catch(() => undefined);
    }
    await this.startHandler(handler).catch((error: unknown) => {
      this.options.logger.warn({ err: error, handler: handler.name }, 'consumer restart failed; retrying');
      setTimeout(() => void this.restartHandler(handler), this.options.restartMaxMs ?? 2000).unref();
    });
  }

  private async startHandler(handler: MessageHandler): Promise<void> {
    // prefixed like the topics: an isolated test run must not join (and steal partitions from) the real groups
    const groupId = `${this.options.topicPrefix ?? ''}${consumerGroupOf(this.options.service, handler)}`;
    const topic = `${this.options.topicPrefix ?? ''}${subscribedTopic(handler)}`;
    const restartMaxMs = this.options.restartMaxMs ?? 2000;
    const consumer = this.options.kafka.consumer({
      groupId,
      sessionTimeout: this.options.sessionTimeoutMs ?? 10_000,
      heartbeatInterval: this.options.heartbeatIntervalMs ?? 1000,
      rebalanceTimeout: this.options.rebalanceTimeoutMs ?? 15_000,
      maxWaitTimeInMs: this.options.maxWaitTimeMs ?? 1000,
      allowAutoTopicCreation: false,
      // kafkajs restarts a crashed consumer after its retry time; capped so an outage costs seconds, not ~30 s
      retry: { initialRetryTime: 300, maxRetryTime: restartMaxMs, retries: 5, restartOnFailure: async () => true },
    });
    const offsets = new OffsetCommitter(consumer, this.options.commitIntervalMs ?? 200, this.options.logger);
    this.running.push({ handler, consumer, offsets });
    const joined = new Promise<void>((resolve) => {
      const remove = consumer.on(consumer.events.GROUP_JOIN, () => {
        remove();
        resolve();
      });
    });
    const producer = this.producer!;
    const logger = this.options.logger.child({ consumerGroup: groupId, topic });
    const metrics = (this.options.metrics ?? prometheusConsumerMetrics).forConsumer(groupId, topic);
    consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) =>
      metrics.lag(payload.partition, Math.max(0, Number(payload.offsetLag))),
    );
    const component = this.componentOf(handler);
    this.health.down(component, 'joining');
    consumer.on(consumer.events.GROUP_JOIN, () => this.health.up(component));
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      this.health.down(component, `crashed: ${reasonOf(payload.error)}`);
      if (payload.restart) {
        logger.warn({ err: payload.error }, 'consumer crashed; kafkajs restarts it');
        return;
      }
      // kafkajs gives up on errors it deems not retriable; this consumer is rebuilt instead
      logger.error({ err: payload.error, delayMs: restartMaxMs }, 'consumer crashed; restarting it');
      setTimeout(() => void this.restartHandler(handler), restartMaxMs).unref();
    });
    await consumer.connect();
    if (this.stopRequested) {
      // stop() ran while this consumer connected (background start): it was not among the ones it stopped
      await consumer.disconnect().catch(() => undefined);
      return;
    }
    await consumer.subscribe({ topics: [topic], fromBeginning: this.options.fromBeginning ?? true });
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => offsets.keepOnly(payload.memberAssignment));
    const maxBatchSize = Math.max(1, this.options.maxBatchSize ?? 50);
    let heartbeatNow: () => Promise<void> = async () => undefined;
    const processor = new MessageProcessor({
      handler,
      consumerGroup: groupId,
      uow: this.options.uow as UnitOfWork<SqlExecutor>,
      deadLetters: (letter) => publishDeadLetter(producer, letter),
      logger,
      retry: this.options.retry,
      topicPrefix: this.options.topicPrefix,
      heartbeat: () => heartbeatNow(),
      isStopping: () => this.stopping,
      metrics,
    });
    await consumer.run({
      autoCommit: false,
      // offsets are resolved per handled chunk below: a batch cut short by a stop or rebalance is refetched
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 1,
      eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
        heartbeatNow = heartbeat;
        const messages: IncomingMessage[] = batch.messages.map((message) => ({
          topic: batch.topic,
          partition: batch.partition,
          offset: message.offset,
          key: message.key,
          value: message.value,
          headers: message.headers,
          timestamp: message.timestamp,
        }));
        for (let start = 0; start < messages.length; start += maxBatchSize) {
          if (!isRunning() || isStale() || this.stopping) break;
          const chunk = messages.slice(start, start + maxBatchSize);
          const last = chunk[chunk.length - 1]!.offset;
          await offsets.track(batch.topic, batch.partition, last, async () => {
            await processor.processBatch(chunk);
          });
          resolveOffset(last);
          await heartbeat();
        }
      },
    });
    await joined;
  }
}
