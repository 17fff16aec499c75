import { Inject, Injectable, type Type } from '@nestjs/common';
import { DeadLetterHeaders, type DecodingHandler, type MessageMeta, type RawMessage } from '@saga/messaging';
import { SERVICE_CONFIG, type ServiceRuntimeConfig } from '@saga/service-runtime';
import { RecordDeadLetterUseCase } from '../../application/record-dead-letter/record-dead-letter.use-case';
import { traceIdOf } from '../../domain/trace-id';
import { observeDeadLetter, type Observed } from './observation';
import { topicHandlerName } from './topic-handler-name';

/** One consumer group per dead-letter topic (`explorer.Record<Topic>Dlq`): the dead-letter list and the timelines. */
export function deadLetterRecorder(deadLetterTopic: string): Type<DecodingHandler<Observed>> {
  @Injectable()
  class DeadLetterRecorder implements DecodingHandler<Observed> {
    readonly name = `Record${topicHandlerName(deadLetterTopic)}`;
    readonly topic = deadLetterTopic;

    constructor(
      @Inject(RecordDeadLetterUseCase) private readonly recordDeadLetter: RecordDeadLetterUseCase,
      @Inject(SERVICE_CONFIG) private readonly config: ServiceRuntimeConfig,
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
