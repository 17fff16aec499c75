/**
 * The one registry of span attribute and span names used by this platform.
 * OTel messaging semantic-convention keys are spelled out here so every service uses the same ones.
 */
export const MessagingAttributes = {
  system: 'messaging.system',
  destination: 'messaging.destination.name',
  operationType: 'messaging.operation.type',
  operationName: 'messaging.operation.name',
  messageId: 'messaging.message.id',
  conversationId: 'messaging.message.conversation_id',
  partition: 'messaging.destination.partition.id',
  offset: 'messaging.kafka.offset',
  messageKey: 'messaging.kafka.message.key',
  consumerGroup: 'messaging.consumer.group.name',
  batchSize: 'messaging.batch.message_count',
} as const;

export const SagaAttributes = {
  orderId: 'order.id',
  step: 'saga.step',
  outcome: 'saga.outcome',
  failureReason: 'saga.failure_reason',
  eventType: 'saga.event.type',
  causationId: 'saga.causation_id',
  handler: 'saga.handler',
  compensation: 'saga.compensation',
  deadLetterReason: 'saga.dead_letter.reason',
  deadLetterTopic: 'saga.dead_letter.topic',
  attempt: 'saga.attempt',
  duplicate: 'saga.duplicate',
} as const;

export const OutboxAttributes = {
  service: 'outbox.service',
  batchSize: 'outbox.batch.size',
  rowId: 'outbox.row.id',
  lagMs: 'outbox.lag_ms',
} as const;

/** OTel database semantic-convention keys, for the spans this platform creates itself (pg's own spans set them too). */
export const DatabaseAttributes = {
  system: 'db.system.name',
  namespace: 'db.namespace',
} as const;

export type SagaOutcome = 'succeeded' | 'failed' | 'compensated' | 'skipped' | 'duplicate' | 'dead_lettered';

export const SpanNames = {
  publish: (topic: string) => `${topic} publish`,
  process: (topic: string) => `${topic} process`,
  deadLetter: (topic: string) => `${topic} dead-letter`,
  /** One database transaction; its statements are the pg.query children. */
  transaction: (database: string) => `pg.transaction ${database}`,
} as const;
