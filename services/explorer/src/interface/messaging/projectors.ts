import { Inject, Injectable, type Type } from '@nestjs/common';
import { TOPIC_CATALOG } from '@saga/contracts';
import {
  DeadLetterHeaders,
  NonRetryableError,
  type EventHandler,
  type MessageMeta,
  type RawMessage,
} from '@saga/messaging';
import { PARTICIPANT_CONFIG, type ParticipantConfig } from '@saga/participant';
import { ProjectEventUseCase } from '../../application/project-event/project-event.use-case';
import { ProjectInvalidMessageUseCase } from '../../application/project-invalid-message/project-invalid-message.use-case';
import { RecordDeadLetterUseCase } from '../../application/record-dead-letter/record-dead-letter.use-case';
import { SAGA_TOPICS } from '../../domain/saga-catalog';
import { traceIdOf } from '../../domain/trace-id';
import { observeDeadLetter, observeSagaMessage, type Observed } from './observation';

/** `order.processing.stock.success` -> `OrderProcessingStockSuccess`. */
const pascal = (topic: string) =>
  topic
    .split('.')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');

/** One consumer group per saga topic (`explorer.Project<Topic>`): its events, and its poison messages, onto the timelines. */
function sagaTopicProjector(topic: string): Type<EventHandler<Observed>> {
  @Injectable()
  class SagaTopicProjector implements EventHandler<Observed> {
    readonly name = `Project${pascal(topic)}`;
    readonly topic = topic;

    constructor(
      @Inject(ProjectEventUseCase) private readonly projectEvent: ProjectEventUseCase,
      @Inject(ProjectInvalidMessageUseCase) private readonly projectInvalid: ProjectInvalidMessageUseCase,
    ) {}

    decode(message: RawMessage): Observed {
      return observeSagaMessage(message);
    }

    async handle({ orderId, payload: seen }: Observed, meta: MessageMeta): Promise<void> {
      if (!orderId) throw new NonRetryableError(`message at ${meta.partition}/${meta.offset} names no order`);
      const position = { orderId, topic, partition: meta.partition, offset: meta.offset };
      const traceId = traceIdOf(meta.headers.traceparent);
      if (seen.kind === 'EVENT') {
        const { event } = seen;
        await this.projectEvent.execute({
          ...position,
          eventId: event.eventId,
          eventType: event.type,
          occurredAt: new Date(event.occurredAt),
          causationId: event.causationId,
          payload: event.payload,
          traceId,
        });
      } else if (seen.kind === 'INVALID') {
        await this.projectInvalid.execute({ ...position, ...seen, traceId });
      }
    }
  }
  return SagaTopicProjector;
}

/** One consumer group per dead-letter topic (`explorer.Record<Topic>Dlq`): the dead-letter list and the timelines. */
function deadLetterRecorder(deadLetterTopic: string): Type<EventHandler<Observed>> {
  @Injectable()
  class DeadLetterRecorder implements EventHandler<Observed> {
    readonly name = `Record${pascal(deadLetterTopic)}`;
    readonly topic = deadLetterTopic;

    constructor(
      @Inject(RecordDeadLetterUseCase) private readonly recordDeadLetter: RecordDeadLetterUseCase,
      @Inject(PARTICIPANT_CONFIG) private readonly config: ParticipantConfig,
    ) {}

    decode(message: RawMessage): Observed {
      return observeDeadLetter(message);
    }

    async handle({ payload: seen }: Observed, meta: MessageMeta): Promise<void> {
      if (seen.kind !== 'DEAD_LETTER') return;
      const { record } = seen;
      const unprefixed = (name: string | null) => {
        const prefix = this.config.topicPrefix ?? '';
        return name && prefix && name.startsWith(prefix) ? name.slice(prefix.length) : name;
      };
      const originalPartition = meta.headers[DeadLetterHeaders.originalPartition];
      await this.recordDeadLetter.execute({
        letter: {
          ...record,
          id: seen.id,
          originalPartition: originalPartition === undefined ? null : Number(originalPartition),
          originalOffset: meta.headers[DeadLetterHeaders.originalOffset] ?? null,
          consumerGroup: unprefixed(record.consumerGroup),
        },
        originalTopic: unprefixed(record.originalTopic),
        traceId: traceIdOf(meta.headers.traceparent),
      });
    }
  }
  return DeadLetterRecorder;
}

export const SAGA_TOPIC_PROJECTORS = SAGA_TOPICS.map(sagaTopicProjector);
/** Every dead-letter topic of the catalog, saga or not (coupon issuance, product catalog). */
export const DEAD_LETTER_RECORDERS = TOPIC_CATALOG.filter((spec) => spec.deadLetter).map((spec) =>
  deadLetterRecorder(spec.name),
);
