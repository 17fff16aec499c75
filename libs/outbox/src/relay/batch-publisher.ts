import { Context, Span, SpanKind, trace } from '@opentelemetry/api';
import {
  captureTraceContext,
  markSpanFailed,
  MessagingAttributes,
  OutboxAttributes,
  restoreTraceContext,
  SagaAttributes,
  SpanNames,
} from '@saga/telemetry';
import { OutboxMetrics, prometheusOutboxMetrics } from '@saga/metrics';
import type { Message, ProducerBatch, TopicMessages } from 'kafkajs';
import { UnpublishedRow } from './relay-connection';

/** Headers every published event carries besides the W3C trace context. */
export const EventHeaders = {
  eventId: 'x-event-id',
  eventType: 'x-event-type',
} as const;

const tracer = trace.getTracer('@saga/outbox');

/**
 * Sends one batch of outbox rows in a single produce request. Each row gets its own PRODUCER span,
 * parented on the trace captured when the row was written, and that span's context travels in the
 * Kafka headers so the consumer's span continues the same trace.
 */
export class BatchPublisher {
  constructor(
    private readonly producer: { sendBatch(batch: ProducerBatch): Promise<unknown> },
    private readonly service: string,
    private readonly metrics: OutboxMetrics = prometheusOutboxMetrics,
  ) {}

  async publish(rows: readonly UnpublishedRow[]): Promise<void> {
    const spans: Span[] = [];
    const byTopic = new Map<string, Message[]>();
    for (const row of rows) {
      const parent = restoreTraceContext(row.headers);
      const span = this.startSpan(row, rows.length, parent);
      spans.push(span);
      const headers = {
        ...captureTraceContext(trace.setSpan(parent, span)),
        [EventHeaders.eventId]: row.eventId,
        [EventHeaders.eventType]: row.eventType,
      };
      const messages = byTopic.get(row.topic) ?? [];
      messages.push({ key: row.messageKey, value: row.value, headers });
      byTopic.set(row.topic, messages);
    }
    const topicMessages: TopicMessages[] = [...byTopic].map(([topic, messages]) => ({ topic, messages }));
    try {
      await this.producer.sendBatch({ topicMessages, acks: -1 });
      this.metrics.published(rows, Date.now());
      for (const span of spans) span.end();
    } catch (error) {
      for (const span of spans) {
        markSpanFailed(span, error);
        span.end();
      }
      throw error;
    }
  }

  private startSpan(row: UnpublishedRow, batchSize: number, parent: Context): Span {
    const orderId = (JSON.parse(row.value) as { orderId?: string | null }).orderId;
    return tracer.startSpan(
      SpanNames.publish(row.topic),
      {
        kind: SpanKind.PRODUCER,
        attributes: {
          [MessagingAttributes.system]: 'kafka',
          [MessagingAttributes.destination]: row.topic,
          [MessagingAttributes.operationType]: 'send',
          [MessagingAttributes.operationName]: 'publish',
          [MessagingAttributes.messageId]: row.eventId,
          [MessagingAttributes.messageKey]: row.messageKey,
          [MessagingAttributes.batchSize]: batchSize,
          [SagaAttributes.eventType]: row.eventType,
          ...(orderId ? { [SagaAttributes.orderId]: orderId } : {}),
          [OutboxAttributes.service]: this.service,
          [OutboxAttributes.rowId]: row.id,
          [OutboxAttributes.lagMs]: Date.now() - new Date(row.createdAt).getTime(),
        },
      },
      parent,
    );
  }
}
