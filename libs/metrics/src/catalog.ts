/**
 * Every metric the platform exposes, in one place: name, type, labels, help text and buckets.
 * docs/metrics.md lists exactly these (catalog.spec.ts checks it). Conventions: base units
 * (`_seconds`), counters end in `_total`, labels are low-cardinality (no ids, no raw paths).
 * Every series also carries `service` (the registry's default label, set by the service bootstrap).
 */

export type MetricType = 'counter' | 'gauge' | 'histogram';

export interface MetricSpec<L extends string = string> {
  name: string;
  type: MetricType;
  help: string;
  labels: readonly L[];
  /** Histograms only: upper bounds in the metric's unit. */
  buckets?: readonly number[];
}

function spec<L extends string>(definition: MetricSpec<L>): MetricSpec<L> {
  return definition;
}

/** Fast in-process work (HTTP handlers, consumed messages): 1 ms .. 10 s. */
const HANDLER_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const;
/** Commit -> Kafka: milliseconds when healthy, seconds to minutes in a broker outage. */
const PUBLISH_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300] as const;
/** Checkout -> terminal: a few hundred ms when healthy, up to the saga timeout (TIMEOUT cancels). */
const SAGA_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600] as const;

export const MetricCatalog = {
  httpRequestDuration: spec({
    name: 'http_server_request_duration_seconds',
    type: 'histogram',
    help: 'HTTP requests served, by method, route template and status class (its _count is the request rate; status_class="5xx" the errors).',
    labels: ['method', 'route', 'status_class'],
    buckets: HANDLER_BUCKETS,
  }),

  consumerMessages: spec({
    name: 'saga_consumer_messages_total',
    type: 'counter',
    help: 'Consumed messages that are done, by consumer group, handler, topic and outcome (succeeded, duplicate, dead_lettered).',
    labels: ['consumer_group', 'handler', 'topic', 'outcome'],
  }),
  consumerRetries: spec({
    name: 'saga_consumer_retries_total',
    type: 'counter',
    help: 'Handler attempts that failed and were retried (waits for an unavailable dependency not included).',
    labels: ['consumer_group', 'handler', 'topic'],
  }),
  consumerDeadLetters: spec({
    name: 'saga_consumer_dead_letters_total',
    type: 'counter',
    help: 'Messages sent to the dead-letter topic, by cause (invalid_event: failed validation; handler_failed: retries exhausted or non-retryable).',
    labels: ['consumer_group', 'handler', 'topic', 'cause'],
  }),
  consumerHandlingDuration: spec({
    name: 'saga_consumer_handling_duration_seconds',
    type: 'histogram',
    help: 'Time from taking a message to being done with it (validation, retries and dead-lettering included).',
    labels: ['consumer_group', 'handler', 'topic'],
    buckets: HANDLER_BUCKETS,
  }),
  consumerLag: spec({
    name: 'saga_consumer_lag_messages',
    type: 'gauge',
    help: "Messages behind the partition's high watermark after the last fetched batch, per consumer group, topic and partition.",
    labels: ['consumer_group', 'topic', 'partition'],
  }),

  outboxUnpublished: spec({
    name: 'saga_outbox_unpublished_rows',
    type: 'gauge',
    help: "Outbox rows committed but not yet published to Kafka (read from the service's database at scrape time).",
    labels: [],
  }),
  outboxOldestUnpublishedAge: spec({
    name: 'saga_outbox_oldest_unpublished_age_seconds',
    type: 'gauge',
    help: 'Age of the oldest unpublished outbox row; 0 when nothing is waiting (read at scrape time).',
    labels: [],
  }),
  outboxPublished: spec({
    name: 'saga_outbox_published_total',
    type: 'counter',
    help: 'Outbox rows published to Kafka by this instance (only the relay leader publishes).',
    labels: [],
  }),
  outboxPublishLatency: spec({
    name: 'saga_outbox_publish_latency_seconds',
    type: 'histogram',
    help: 'Time from an outbox row being written to Kafka acknowledging it.',
    labels: [],
    buckets: PUBLISH_BUCKETS,
  }),

  orderSagasStarted: spec({
    name: 'order_sagas_started_total',
    type: 'counter',
    help: 'Checkouts accepted (a new order and its OrderPlaced committed; idempotent replays not counted).',
    labels: [],
  }),
  orderSagasCompleted: spec({
    name: 'order_sagas_completed_total',
    type: 'counter',
    help: 'Orders that reached COMPLETED.',
    labels: [],
  }),
  orderSagasCancelled: spec({
    name: 'order_sagas_cancelled_total',
    type: 'counter',
    help: 'Orders that reached CANCELLED, by failure reason (OUT_OF_STOCK, COUPON_EXPIRED, INSUFFICIENT_BALANCE, TIMEOUT, ...).',
    labels: ['reason'],
  }),
  orderSagaDuration: spec({
    name: 'order_saga_duration_seconds',
    type: 'histogram',
    help: 'Checkout -> terminal state (order created to COMPLETED or CANCELLED), by outcome.',
    labels: ['outcome'],
    buckets: SAGA_BUCKETS,
  }),

  couponIssueAdmitted: spec({
    name: 'coupon_issue_requests_admitted_total',
    type: 'counter',
    help: 'First-come-first-served issue requests admitted (unit reserved, request recorded PENDING).',
    labels: [],
  }),
  couponIssueRejected: spec({
    name: 'coupon_issue_requests_rejected_total',
    type: 'counter',
    help: 'Issue requests refused at admission, by reason (sold_out, already_requested).',
    labels: ['reason'],
  }),
  couponIssued: spec({
    name: 'coupon_issued_total',
    type: 'counter',
    help: 'Admitted requests that ended with the coupon granted.',
    labels: [],
  }),
} as const;

export type MetricKey = keyof typeof MetricCatalog;

/** prom-client's default process/Node.js metrics are exposed too; they are not listed one by one. */
export const PROCESS_METRIC_PREFIXES = ['process_', 'nodejs_'] as const;
