import { MetricCatalog } from './catalog';
import { counterOf, gaugeOf, histogramOf } from './registry';

export type ConsumerOutcome = 'succeeded' | 'duplicate' | 'dead_lettered';
/** invalid_event: the message failed validation; handler_failed: retries exhausted or a non-retryable error. */
export type DeadLetterCause = 'invalid_event' | 'handler_failed';

/** What the consumer wrapper records, bound to one handler (and the topic it consumes) in a consumer group. */
export interface ConsumerMetrics {
  /** The message is done (its offset may be committed); seconds from first taking it. */
  handled(outcome: ConsumerOutcome, seconds: number): void;
  retried(): void;
  deadLettered(cause: DeadLetterCause): void;
}

/** What the consumer host records for its whole consumer group. */
export interface ConsumerGroupMetrics {
  /** Messages behind the high watermark on a partition after a fetched batch. */
  lag(topic: string, partition: number, messages: number): void;
}

export interface ConsumerMetricsFactory {
  forHandler(consumerGroup: string, handler: string, topic: string): ConsumerMetrics;
  forGroup(consumerGroup: string): ConsumerGroupMetrics;
}

/**
 * The Prometheus recorder. Label children are resolved once per handler, so recording a message is a
 * few additions and one bucket search, no label hashing.
 */
export const prometheusConsumerMetrics: ConsumerMetricsFactory = {
  forHandler(consumerGroup, handler, topic) {
    const messages = counterOf(MetricCatalog.consumerMessages);
    const labels = { consumer_group: consumerGroup, handler, topic };
    const byOutcome: Record<ConsumerOutcome, ReturnType<typeof messages.labels>> = {
      succeeded: messages.labels({ ...labels, outcome: 'succeeded' }),
      duplicate: messages.labels({ ...labels, outcome: 'duplicate' }),
      dead_lettered: messages.labels({ ...labels, outcome: 'dead_lettered' }),
    };
    const retries = counterOf(MetricCatalog.consumerRetries).labels(labels);
    const deadLetters = counterOf(MetricCatalog.consumerDeadLetters);
    const duration = histogramOf(MetricCatalog.consumerHandlingDuration).labels(labels);
    return {
      handled(outcome, seconds) {
        byOutcome[outcome].inc();
        duration.observe(seconds);
      },
      retried: () => retries.inc(),
      deadLettered: (cause) => deadLetters.inc({ ...labels, cause }),
    };
  },
  forGroup(consumerGroup) {
    const lag = gaugeOf(MetricCatalog.consumerLag);
    return {
      lag: (topic, partition, behind) =>
        lag.set({ consumer_group: consumerGroup, topic, partition: String(partition) }, behind),
    };
  },
};
