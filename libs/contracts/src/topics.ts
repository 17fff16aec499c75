/**
 * The one topic catalog. Infra (topic creation), docker-compose, producers and consumers all read it.
 * Every saga topic is keyed by orderId so one order's events stay in one partition, in order.
 */
const DAY_MS = 24 * 60 * 60 * 1000;

export const Topics = {
  OrderProcessing: 'order.processing',
  OrderProcessingStockSuccess: 'order.processing.stock.success',
  OrderProcessingCouponSuccess: 'order.processing.coupon.success',
  OrderProcessingSuccess: 'order.processing.success',
  OrderProcessingFail: 'order.processing.fail',
  OrderPayment: 'order.payment',
  OrderPaymentSuccess: 'order.payment.success',
  OrderPaymentFail: 'order.payment.fail',
  OrderProcessed: 'order.processed',
  /** Requests accepted before issuing moved into the request; drained by coupon for upgrades. */
  CouponIssueRequested: 'coupon.issue.requested',
  /** A first-come-first-served coupon was issued to a user (keyed by coupon id). */
  CouponIssued: 'coupon.issued',
  /** Product catalog changes (keyed by productId); the order service keeps a price replica from it. */
  ProductCatalog: 'product.catalog',
} as const;

export type TopicName = (typeof Topics)[keyof typeof Topics];

export interface TopicSpec {
  name: string;
  partitions: number;
  retentionMs: number;
  /** true for dead-letter topics. */
  deadLetter: boolean;
}

export const DEAD_LETTER_SUFFIX = '.dlq';
export const SAGA_PARTITIONS = 6;
const DEAD_LETTER_PARTITIONS = 3;

export function deadLetterTopicOf(topic: string): string {
  return `${topic}${DEAD_LETTER_SUFFIX}`;
}

export function isDeadLetterTopic(topic: string): boolean {
  return topic.endsWith(DEAD_LETTER_SUFFIX);
}

const businessTopics: TopicSpec[] = Object.values(Topics).map((name) => ({
  name,
  partitions: SAGA_PARTITIONS,
  retentionMs: 7 * DAY_MS,
  deadLetter: false,
}));

/** Every consumed topic has a dead-letter twin; dead letters are kept longer so they can be replayed. */
const deadLetterTopics: TopicSpec[] = Object.values(Topics).map((name) => ({
  name: deadLetterTopicOf(name),
  partitions: DEAD_LETTER_PARTITIONS,
  retentionMs: 30 * DAY_MS,
  deadLetter: true,
}));

export const TOPIC_CATALOG: readonly TopicSpec[] = [...businessTopics, ...deadLetterTopics];
