import { context, Span, SpanKind, trace } from '@opentelemetry/api';
import { Envelope, InvalidEventError, parseEvent } from '@saga/contracts';
import { ConsumerMetrics, ConsumerOutcome, DeadLetterCause } from '@saga/metrics';
import { isInfrastructureOutage, SqlExecutor, UnitOfWork } from '@saga/outbox';
import {
  markSpanFailed,
  MessagingAttributes,
  restoreTraceContext,
  SagaAttributes,
  SagaOutcome,
  SpanNames,
} from '@saga/telemetry';
import type { IHeaders } from 'kafkajs';
import type { Logger } from 'pino';
import { DeadLetter } from './dead-letter';
import { MessageHandler, MessageMeta, NonRetryableError } from './event-handler';
import { headersToStrings } from './headers';
import { RetryPolicy, retryDelayMs } from './retry-policy';

export interface IncomingMessage {
  topic: string;
  partition: number;
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  headers?: IHeaders;
}

/** Where dead letters go; returns the dead-letter topic. The real one is publishDeadLetter on a producer. */
export type DeadLetterSink = (letter: DeadLetter) => Promise<string>;

export interface MessageProcessorOptions {
  handler: MessageHandler;
  consumerGroup: string;
  uow: UnitOfWork<SqlExecutor>;
  deadLetters: DeadLetterSink;
  logger: Logger;
  retry: RetryPolicy;
  /** Stripped from the physical topic before parseEvent's topic check; for isolated test runs. */
  topicPrefix?: string;
  /** Called between retries so a long backoff does not cost the group membership. */
  heartbeat?: () => Promise<void>;
  /** True once the host is stopping: an outage wait then gives up without committing (Kafka redelivers). */
  isStopping?: () => boolean;
  sleep?: (ms: number) => Promise<void>;
  /** Records outcomes, retries, dead letters and duration for this consumer group. */
  metrics?: ConsumerMetrics;
}

const tracer = trace.getTracer('@saga/messaging');

const RECORD_INBOX = `INSERT INTO processed_message (consumer_group, event_id) VALUES ($1, $2::uuid) ON CONFLICT DO NOTHING`;

/**
 * Everything that happens to one consumed message: validate, trace, deduplicate, retry, dead-letter.
 * Resolves when the message is done (handled, duplicate or dead-lettered) and its offset may be
 * committed; rejects only when even the dead-letter publish failed, so Kafka redelivers it.
 */
export class MessageProcessor {
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: MessageProcessorOptions) {
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  async process(message: IncomingMessage): Promise<SagaOutcome> {
    const startedAt = performance.now();
    const headers = headersToStrings(message.headers);
    const parent = restoreTraceContext(headers);
    const span = tracer.startSpan(
      SpanNames.process(message.topic),
      {
        kind: SpanKind.CONSUMER,
        attributes: {
          [MessagingAttributes.system]: 'kafka',
          [MessagingAttributes.destination]: message.topic,
          [MessagingAttributes.operationType]: 'process',
          [MessagingAttributes.operationName]: 'process',
          [MessagingAttributes.partition]: String(message.partition),
          [MessagingAttributes.offset]: Number(message.offset),
          [MessagingAttributes.consumerGroup]: this.options.consumerGroup,
          [SagaAttributes.handler]: this.options.handler.name,
          ...(message.key ? { [MessagingAttributes.messageKey]: message.key.toString() } : {}),
        },
      },
      parent,
    );
    return context.with(trace.setSpan(parent, span), async () => {
      try {
        const outcome = await this.validateAndHandle(message, headers, span);
        span.setAttribute(SagaAttributes.outcome, outcome);
        this.options.metrics?.handled(outcome, (performance.now() - startedAt) / 1000);
        return outcome;
      } catch (error) {
        markSpanFailed(span, error);
        throw error;
      } finally {
        span.end();
      }
    });
  }

  private async validateAndHandle(
    message: IncomingMessage,
    headers: Record<string, string>,
    span: Span,
  ): Promise<ConsumerOutcome> {
    let event: Envelope;
    try {
      const topic = this.logicalTopic(message.topic);
      const { partition, offset, key, value } = message;
      const { handler } = this.options;
      event =
        'decode' in handler
          ? handler.decode({ topic, partition, offset, key, value, headers })
          : parseEvent(topic, value);
    } catch (error) {
      if (!(error instanceof InvalidEventError)) throw error;
      return this.deadLetter(message, headers, `invalid event: ${error.message}`, 1, 'invalid_event');
    }
    span.setAttributes({
      [MessagingAttributes.messageId]: event.eventId,
      [SagaAttributes.eventType]: event.type,
      ...(event.orderId ? { [SagaAttributes.orderId]: event.orderId } : {}),
      ...(event.causationId ? { [SagaAttributes.causationId]: event.causationId } : {}),
    });

    // `attempt` counts handler failures toward the dead-letter limit; waiting out an outage does not.
    for (let attempt = 1, outageWaits = 0; ; attempt++) {
      span.setAttribute(SagaAttributes.attempt, attempt);
      try {
        const duplicate = await this.handleOnce(event, this.metaOf(message, headers, attempt));
        span.setAttribute(SagaAttributes.duplicate, duplicate);
        if (duplicate) this.log(event, message).info('duplicate event skipped');
        return duplicate ? 'duplicate' : 'succeeded';
      } catch (error) {
        const reason = describeError(error);
        if (isInfrastructureOutage(error) && !(error instanceof NonRetryableError)) {
          if (this.options.isStopping?.()) throw error;
          outageWaits++;
          attempt--;
          const delay = retryDelayMs(this.options.retry, outageWaits + 1);
          span.addEvent('dependency unavailable', { 'exception.message': reason });
          this.log(event, message).warn({ err: error, outageWaits, delayMs: delay }, 'dependency unavailable; waiting');
          await this.pause(delay);
          continue;
        }
        const finalAttempt = error instanceof NonRetryableError || attempt >= this.options.retry.maxAttempts;
        span.addEvent('handler failed', { [SagaAttributes.attempt]: attempt, 'exception.message': reason });
        if (finalAttempt) return this.deadLetter(message, headers, reason, attempt, 'handler_failed', event);
        this.options.metrics?.retried();
        const delay = retryDelayMs(this.options.retry, attempt + 1);
        this.log(event, message).warn({ err: error, attempt, delayMs: delay }, 'handler failed; retrying');
        await this.pause(delay);
      }
    }
  }

  /** Waits between tries, heartbeating first so a long wait does not cost the group membership. */
  private async pause(delayMs: number): Promise<void> {
    await this.options.heartbeat?.().catch(() => undefined);
    await this.sleep(delayMs);
  }

  /** Inbox record and handler effects in one transaction: both commit or neither. Returns true for a duplicate. */
  private handleOnce(event: Envelope, meta: MessageMeta): Promise<boolean> {
    return this.options.uow.run(async (tx) => {
      const inserted = await tx.execute(RECORD_INBOX, this.options.consumerGroup, event.eventId);
      if (inserted === 0) return true;
      await this.options.handler.handle(event, meta);
      return false;
    });
  }

  private async deadLetter(
    message: IncomingMessage,
    headers: Record<string, string>,
    reason: string,
    attempts: number,
    cause: DeadLetterCause,
    event?: Envelope,
  ): Promise<ConsumerOutcome> {
    const span = tracer.startSpan(SpanNames.deadLetter(message.topic), {
      kind: SpanKind.PRODUCER,
      attributes: {
        [MessagingAttributes.system]: 'kafka',
        [MessagingAttributes.consumerGroup]: this.options.consumerGroup,
        [SagaAttributes.handler]: this.options.handler.name,
        [SagaAttributes.deadLetterReason]: reason,
        [SagaAttributes.attempt]: attempts,
      },
    });
    try {
      const topic = await this.options.deadLetters({
        topic: message.topic,
        partition: message.partition,
        offset: message.offset,
        key: message.key,
        value: message.value,
        headers,
        consumerGroup: this.options.consumerGroup,
        error: reason,
        attempts,
      });
      span.setAttributes({ [SagaAttributes.deadLetterTopic]: topic, [MessagingAttributes.destination]: topic });
      this.options.metrics?.deadLettered(cause);
      this.options.logger.error(
        {
          topic: message.topic,
          partition: message.partition,
          offset: message.offset,
          deadLetterTopic: topic,
          reason,
          attempts,
        },
        'message dead-lettered',
      );
      if (event && this.options.handler.onDeadLetter) {
        await this.options.handler.onDeadLetter(
          event,
          { topic, reason, attempts },
          this.metaOf(message, headers, attempts),
        );
      }
      return 'dead_lettered';
    } catch (error) {
      markSpanFailed(span, error);
      throw error;
    } finally {
      span.end();
    }
  }

  private logicalTopic(topic: string): string {
    const prefix = this.options.topicPrefix ?? '';
    return prefix && topic.startsWith(prefix) ? topic.slice(prefix.length) : topic;
  }

  private metaOf(message: IncomingMessage, headers: Record<string, string>, attempt: number): MessageMeta {
    return {
      topic: message.topic,
      partition: message.partition,
      offset: message.offset,
      key: message.key ? message.key.toString() : null,
      headers,
      attempt,
      consumerGroup: this.options.consumerGroup,
    };
  }

  private log(event: Envelope, message: IncomingMessage): Logger {
    return this.options.logger.child({
      eventId: event.eventId,
      eventType: event.type,
      orderId: event.orderId,
      topic: message.topic,
      partition: message.partition,
      offset: message.offset,
    });
  }
}

function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
