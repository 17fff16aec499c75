import { ConsumerMetricsFactory, prometheusConsumerMetrics } from '@saga/metrics';
import { eventProducerConfig, HealthReporter, noHealthReporter, reasonOf, SqlExecutor, UnitOfWork } from '@saga/outbox';
import type { Consumer, Kafka, Producer } from 'kafkajs';
import type { Logger } from 'pino';
import { publishDeadLetter } from './dead-letter';
import { consumerGroupOf, handlerIdOf, MessageHandler, subscribedTopic } from './event-handler';
import { ChunkGatherer } from './chunk-gatherer';
import { adoptHandlerGroupOffsets } from './handler-group-offsets';
import { IncomingMessage, MessageProcessor } from './message-processor';
import { OffsetCommitter } from './offset-committer';
import { RetryPolicy } from './retry-policy';
import { TopicRoute } from './topic-route';

export interface ConsumerHostOptions {
  service: string;
  kafka: Kafka;
  uow: UnitOfWork<any>;
  logger: Logger;
  retry: RetryPolicy;
  /**
   * Fetched partition batches taken up at the same time (any topic); one partition is always
   * sequential. Those handed over together share one transaction (ChunkGatherer, up to maxBatchSize
   * messages). Default 4.
   */
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
  /** A fetch answers once this many bytes are waiting (or after maxWaitTimeMs). Default 1: at the first message. */
  fetchMinBytes?: number;
  /**
   * Offsets of handled messages are committed at most this often (and on stop), not after every
   * message: one OffsetCommit per interval instead of one per message. A crash or rebalance
   * redelivers at most an interval's worth of messages, which the inbox skips. Default 200.
   */
  commitIntervalMs?: number;
  /** Recorders per handler and for the group; default the Prometheus ones behind GET /metrics. */
  metrics?: ConsumerMetricsFactory;
  /**
   * Most messages of one fetched partition batch handled in one transaction (one inbox insert, one
   * commit). A batch that fails is processed again one message at a time. 1 = a transaction per
   * message. Default 50.
   */
  maxBatchSize?: number;
  /**
   * A `<topic> process` span per handled message, child of its producer's span (the checkout's trace).
   * Default true; false for an observer whose work is not part of the traced flow (the explorer): the
   * messages then start no spans and their transactions none either.
   */
  traceMessages?: boolean;
}

/**
 * Runs every registered handler of a service in one consumer group (`<service>`, one kafkajs consumer
 * per instance): one fetch loop, one membership and one offset commit for all its topics, dispatched
 * by topic to the handlers of that topic. Each handler keeps its own inbox key, retries and dead
 * letters (MessageProcessor). A message to be retried pauses only its partition until the retry is
 * due and is then fetched again, so a handler's backoff never stalls other partitions or topics.
 */
export class ConsumerHost {
  private readonly handlers: MessageHandler[] = [];
  private consumer: Consumer | null = null;
  private offsets: OffsetCommitter | null = null;
  private producer: Producer | null = null;
  private readonly resumeTimers = new Set<NodeJS.Timeout>();
  /** The upgrade from per-handler groups is checked once per host, not again when a crashed consumer is rebuilt. */
  private offsetsAdopted = false;
  private stopping = false;
  private background: Promise<void> | null = null;
  private stopRequested = false;

  constructor(private readonly options: ConsumerHostOptions) {}

  register(...handlers: MessageHandler[]): void {
    for (const handler of handlers) {
      if (this.handlers.some((h) => h.name === handler.name)) {
        throw new Error(`handler ${handler.name} registered twice: handler names (inbox keys) must be unique`);
      }
      if (/[,\s]/.test(handler.name))
        throw new Error(`handler name ${JSON.stringify(handler.name)}: no commas or spaces`);
      this.handlers.push(handler);
    }
  }

  /** The consumer group every instance of the service joins (test runs prefix it like the topics). */
  get groupId(): string {
    return `${this.prefix}${consumerGroupOf(this.options.service)}`;
  }

  /** Resolves when the consumer group has been joined. */
  async start(): Promise<void> {
    if (this.producer) throw new Error('ConsumerHost already started');
    if (this.handlers.length === 0) return;
    this.stopping = false;
    this.producer = this.options.kafka.producer(eventProducerConfig());
    await this.producer.connect();
    await this.startConsumer();
    this.options.logger.info(
      { consumerGroup: this.groupId, topics: [...this.routes().keys()] },
      'consumer joined its group',
    );
  }

  /**
   * Starts without waiting: HTTP, database and outbox serve while the group is joined, and a broker
   * that is down at start-up is retried (capped backoff) instead of failing the process. Readiness
   * reports the group as down until it joined.
   */
  startInBackground(): void {
    if (this.background || this.handlers.length === 0) return;
    this.stopRequested = false;
    this.health.down(this.component, 'joining');
    this.background = (async () => {
      for (let attempt = 0; !this.stopRequested; attempt++) {
        try {
          await this.start();
          return;
        } catch (error) {
          const delayMs = Math.min(200 * 2 ** attempt, this.options.restartMaxMs ?? 2000);
          this.options.logger.warn({ err: error, delayMs }, 'consumer could not start; retrying');
          await this.stopConsumer().catch(() => undefined);
          await new Promise((resolve) => setTimeout(resolve, delayMs));
        }
      }
    })();
  }

  /** Resolves once a background start has joined the group (at once when not started in the background). */
  async whenStarted(): Promise<void> {
    await this.background;
  }

  /** Stops fetching, lets in-flight messages finish, commits their offsets and disconnects. */
  async stop(): Promise<void> {
    this.stopRequested = true;
    // not awaited: a background start may wait for a join that never comes (broker down)
    this.background = null;
    await this.stopConsumer();
  }

  private get prefix(): string {
    return this.options.topicPrefix ?? '';
  }

  private get health(): HealthReporter {
    return this.options.health ?? noHealthReporter;
  }

  private get component(): string {
    return `consumer:${this.groupId}`;
  }

  private async stopConsumer(): Promise<void> {
    this.stopping = true;
    for (const timer of this.resumeTimers) clearTimeout(timer);
    this.resumeTimers.clear();
    const consumer = this.consumer;
    const offsets = this.offsets;
    this.consumer = null;
    this.offsets = null;
    if (consumer) {
      consumer.pause([...this.routes().keys()].map((topic) => ({ topic })));
      await offsets?.drain();
      await consumer.disconnect();
    }
    await this.producer?.disconnect();
    this.producer = null;
  }

  /** After kafkajs gave up on a crashed consumer: a new one joins in its place. */
  private async restartConsumer(): Promise<void> {
    if (this.stopping || this.stopRequested) return;
    const old = this.consumer;
    this.consumer = null;
    await old?.disconnect().catch(() => undefined);
    await this.startConsumer().catch((error: unknown) => {
      this.options.logger.warn({ err: error, consumerGroup: this.groupId }, 'consumer restart failed; retrying');
      setTimeout(() => void this.restartConsumer(), this.options.restartMaxMs ?? 2000).unref();
    });
  }

  /** Physical topic -> the handlers of that topic, in registration order. */
  private routes(): Map<string, MessageHandler[]> {
    const routes = new Map<string, MessageHandler[]>();
    for (const handler of this.handlers) {
      const topic = this.topicOf(handler);
      routes.set(topic, [...(routes.get(topic) ?? []), handler]);
    }
    return routes;
  }

  private topicOf(handler: MessageHandler): string {
    return `${this.prefix}${subscribedTopic(handler)}`;
  }

  /** Prefixed like the group: the same inbox keys and dead-letter headers as before one group per service. */
  private handlerIdOf(handler: MessageHandler): string {
    return `${this.prefix}${handlerIdOf(this.options.service, handler)}`;
  }

  private topicRoutes(producer: Producer): Map<string, TopicRoute> {
    const metrics = this.options.metrics ?? prometheusConsumerMetrics;
    const routes = new Map<string, TopicRoute>();
    for (const [topic, handlers] of this.routes()) {
      const processors = handlers.map(
        (handler) =>
          new MessageProcessor({
            handler,
            handlerId: this.handlerIdOf(handler),
            consumerGroup: this.groupId,
            uow: this.options.uow as UnitOfWork<SqlExecutor>,
            deadLetters: (letter) => publishDeadLetter(producer, letter),
            logger: this.options.logger.child({ consumerGroup: this.groupId, handler: handler.name, topic }),
            retry: this.options.retry,
            topicPrefix: this.options.topicPrefix,
            isStopping: () => this.stopping,
            traced: this.options.traceMessages ?? true,
            metrics: metrics.forHandler(this.groupId, handler.name, topic),
          }),
      );
      routes.set(topic, new TopicRoute(processors));
    }
    return routes;
  }

  private async startConsumer(): Promise<void> {
    const groupId = this.groupId;
    const restartMaxMs = this.options.restartMaxMs ?? 2000;
    const logger = this.options.logger.child({ consumerGroup: groupId });
    const routes = this.topicRoutes(this.producer!);
    const topics = [...routes.keys()];
    if (!this.offsetsAdopted) {
      await adoptHandlerGroupOffsets({
        kafka: this.options.kafka,
        groupId,
        // each handler's former group was named like its id
        handlerGroups: this.handlers.map((handler) => ({
          groupId: this.handlerIdOf(handler),
          topic: this.topicOf(handler),
        })),
        logger,
      });
      this.offsetsAdopted = true;
    }
    const consumer = this.options.kafka.consumer({
      groupId,
      sessionTimeout: this.options.sessionTimeoutMs ?? 10_000,
      heartbeatInterval: this.options.heartbeatIntervalMs ?? 1000,
      rebalanceTimeout: this.options.rebalanceTimeoutMs ?? 15_000,
      maxWaitTimeInMs: this.options.maxWaitTimeMs ?? 1000,
      minBytes: this.options.fetchMinBytes ?? 1,
      allowAutoTopicCreation: false,
      // kafkajs restarts a crashed consumer after its retry time; capped so an outage costs seconds, not ~30 s
      retry: { initialRetryTime: 300, maxRetryTime: restartMaxMs, retries: 5, restartOnFailure: async () => true },
    });
    const offsets = new OffsetCommitter(consumer, this.options.commitIntervalMs ?? 200, this.options.logger);
    this.consumer = consumer;
    this.offsets = offsets;
    const joined = new Promise<void>((resolve) => {
      const remove = consumer.on(consumer.events.GROUP_JOIN, () => {
        remove();
        resolve();
      });
    });
    const groupMetrics = (this.options.metrics ?? prometheusConsumerMetrics).forGroup(groupId);
    consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) =>
      groupMetrics.lag(payload.topic, payload.partition, Math.max(0, Number(payload.offsetLag))),
    );
    this.health.down(this.component, 'joining');
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
      offsets.keepOnly(payload.memberAssignment);
      this.health.up(this.component);
    });
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      this.health.down(this.component, `crashed: ${reasonOf(payload.error)}`);
      if (payload.restart) {
        logger.warn({ err: payload.error }, 'consumer crashed; kafkajs restarts it');
        return;
      }
      // kafkajs gives up on errors it deems not retriable; this consumer is rebuilt instead
      logger.error({ err: payload.error, delayMs: restartMaxMs }, 'consumer crashed; restarting it');
      setTimeout(() => void this.restartConsumer(), restartMaxMs).unref();
    });
    await consumer.connect();
    if (this.stopRequested) {
      // stop() ran while this consumer connected (background start): it was not among the ones it stopped
      await consumer.disconnect().catch(() => undefined);
      return;
    }
    await consumer.subscribe({ topics, fromBeginning: this.options.fromBeginning ?? true });
    const maxBatchSize = Math.max(1, this.options.maxBatchSize ?? 50);
    const gatherer = new ChunkGatherer({
      uow: this.options.uow as UnitOfWork<SqlExecutor>,
      logger,
      maxMessages: maxBatchSize,
    });
    await consumer.run({
      autoCommit: false,
      // offsets are resolved per handled chunk below: a batch cut short by a stop, rebalance or retry is refetched
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 4,
      eachBatch: async ({ batch, resolveOffset, heartbeat, pause, isRunning, isStale }) => {
        const route = routes.get(batch.topic)!;
        const messages: IncomingMessage[] = batch.messages.map((message) => ({
          topic: batch.topic,
          partition: batch.partition,
          offset: message.offset,
          key: message.key,
          value: message.value,
          headers: message.headers,
          timestamp: message.timestamp,
        }));
        const lastMessage = messages[messages.length - 1]?.offset;
        // a rebalance in progress surfaces at the next fetch; here only the membership is kept alive
        const keepAlive = () => heartbeat().catch(() => undefined);
        for (let start = 0; start < messages.length; start += maxBatchSize) {
          if (!isRunning() || isStale() || this.stopping) break;
          const chunk = messages.slice(start, start + maxBatchSize);
          let retryAfterMs: number | undefined;
          await offsets.track(batch.topic, batch.partition, async () => {
            const result = await gatherer.process(route, chunk, keepAlive);
            if (result.lastDone !== null) resolveOffset(result.lastDone);
            retryAfterMs = result.retryAfterMs;
            // past the relay's transaction marker that may follow the last message, or the group shows a lag of one
            return result.lastDone !== null && result.lastDone === lastMessage ? batch.lastOffset() : result.lastDone;
          });
          if (retryAfterMs !== undefined) {
            // the rest of the batch is fetched again, from the message to retry, once the partition resumes
            this.resumeLater(pause(), retryAfterMs);
            break;
          }
          await heartbeat();
        }
      },
    });
    await joined;
  }

  private resumeLater(resume: () => void, delayMs: number): void {
    const timer = setTimeout(() => {
      this.resumeTimers.delete(timer);
      resume();
    }, delayMs);
    timer.unref();
    this.resumeTimers.add(timer);
  }
}
