import { Inject, Injectable, type Type } from '@nestjs/common';
import { NonRetryableError, type DecodingHandler, type MessageMeta, type RawMessage } from '@saga/messaging';
import { ProjectEventUseCase } from '../../application/project-event/project-event.use-case';
import { ProjectInvalidMessageUseCase } from '../../application/project-invalid-message/project-invalid-message.use-case';
import { traceIdOf } from '../../domain/trace-id';
import { observeSagaMessage, type Observed } from './observation';
import { topicHandlerName } from './topic-handler-name';

/** One consumer group per saga topic (`explorer.Project<Topic>`): its events, and its poison messages, onto the timelines. */
export function sagaTopicProjector(topic: string): Type<DecodingHandler<Observed>> {
  @Injectable()
  class SagaTopicProjector implements DecodingHandler<Observed> {
    readonly name = `Project${topicHandlerName(topic)}`;
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
