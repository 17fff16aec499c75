import { Context, context, ROOT_CONTEXT, Span, SpanKind, trace } from '@opentelemetry/api';
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
  /** Kafka's record timestamp (ms since the epoch, as a string). */
  timestamp?: string;
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
/** A batch's inbox records in one statement; returns the ids that were new (a repeated id is returned once). */
const RECORD_INBOX_BATCH =
  `INSERT INTO processed_message (consumer_group, event_id) ` +
  `SELECT $1, id::uuid FROM unnest(string_to_array($2, ',')) AS id ` +
  `ON CONFLICT DO NOTHING RETURNING event_id::text AS event_id`;

/** One message's span, its context and its headers, from the moment it was taken up. */
interface Traced {
  message: IncomingMessage;
  headers: Record<string, string>;
  span: Span;
  context: Context;
  /** performance.now() when the message was taken up, for the handling-duration metric. */
  startedAt: number;
}

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
    const traced = this.trace(message);
    return this.finish(traced, () => this.validateAndHandle(message, traced.headers, traced.span));
  }

  /**
   * Messages of one partition, in offset order. All valid ones are handled in one transaction with
   * one inbox insert; when any fails to validate or to handle, the transaction rolls back and every
   * message is processed alone (with its own retries and dead letter), so a poison message costs
   * only itself. Each message keeps its own span, parented to its producer's.
   */
  async processBatch(messages: readonly IncomingMessage[]): Promise<SagaOutcome[]> {
    if (messages.length === 1) return [await this.process(messages[0]!)];
    const traced = messages.map((message) => this.trace(message));
    const together = await this.handleTogether(traced);
    if (together) {
      traced.forEach((one, i) => {
        one.span.setAttribute(SagaAttributes.outcome, together[i]!);
        this.recordHandled(one, together[i]!);
        one.span.end();
      });
      return together;
    }
    const outcomes: SagaOutcome[] = [];
    for (const [i, one] of traced.entries()) {
      try {
        outcomes.push(await this.finish(one, () => this.validateAndHandle(one.message, one.headers, one.span)));
      } catch (error) {
        for (const rest of traced.slice(i + 1)) {
          rest.span.addEvent('not processed: an earlier message of the batch failed');
          rest.span.end();
        }
        throw error;
      }
    }
    return outcomes;
  }

  /** The batch's outcomes, or null when it must be processed one message at a time. */
  private async handleTogether(traced: readonly Traced[]): Promise<SagaOutcome[] | null> {
    const events: Envelope[] = [];
    for (const one of traced) {
      try {
        events.push(this.decode(one.message, one.headers));
      } catch (error) {
        if (!(error instanceof InvalidEventError)) throw error;
        return null;
      }
    }
    traced.forEach(({ span }, i) => {
      span.setAttributes({ ...eventAttributes(events[i]!), [SagaAttributes.attempt]: 1 });
    });
    try {
      // outside every message's context: the transaction belongs to no single trace, its statements
      // run inside the handlers and are parented to their message's span
      return await context.with(ROOT_CONTEXT, () =>
        this.options.uow.run(async (tx) => {
          const rows = await tx.query<{ event_id: string }[]>(
            RECORD_INBOX_BATCH,
            this.options.consumerGroup,
            events.map((event) => event.eventId).join(','),
          );
          const fresh = new Set(rows.map((row) => row.event_id));
          const outcomes: SagaOutcome[] = [];
          for (const [i, one] of traced.entries()) {
            const event = events[i]!;
            const duplicate = !fresh.delete(event.eventId.toLowerCase());
            one.span.setAttribute(SagaAttributes.duplicate, duplicate);
            if (!duplicate) {
              await context.with(one.context, () =>
                this.options.handler.handle(event, this.metaOf(one.message, one.headers, 1)),
              );
            }
            outcomes.push(duplicate ? 'duplicate' : 'succeeded');
          }
          return outcomes;
        }),
      );
    } catch (error) {
      const reason = describeError(error);
      for (const { span } of traced) span.addEvent('batch failed; processing alone', { 'exception.message': reason });
      this.options.logger.warn(
        {
          err: error,
          messages: traced.length,
          topic: traced[0]!.message.topic,
          partition: traced[0]!.message.partition,
        },
        'batch failed; processing its messages one at a time',
      );
      return null;
    }
  }

  private recordHandled(traced: Traced, outcome: SagaOutcome): void {
    this.options.metrics?.handled(outcome as ConsumerOutcome, (performance.now() - traced.startedAt) / 1000);
  }

  private trace(message: IncomingMessage): Traced {
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
    return { message, headers, span, context: trace.setSpan(parent, span), startedAt: performance.now() };
  }

  private finish(traced: Traced, work: () => Promise<SagaOutcome>): Promise<SagaOutcome> {
    return context.with(traced.context, async () => {
      try {
        const outcome = await work();
        traced.span.setAttribute(SagaAttributes.outcome, outcome);
        this.recordHandled(traced, outcome);
        return outcome;
      } catch (error) {
        markSpanFailed(traced.span, error);
        throw error;
      } finally {
        traced.span.end();
      }
    });
  }

  /** The catalog's validation, or the handler's own `decode` (DecodingHandler); throws InvalidEventError. */
  private decode(message: IncomingMessage, headers: Record<string, string>): Envelope {
    const topic = this.logicalTopic(message.topic);
    const { handler } = this.options;
    if (!('decode' in handler)) return parseEvent(topic, message.value);
    const { partition, offset, key, value, timestamp } = message;
    return handler.decode({ topic, partition, offset, key, value, headers, timestamp });
  }

  private async validateAndHandle(
    message: IncomingMessage,
    headers: Record<string, string>,
    span: Span,
  ): Promise<ConsumerOutcome> {
    let event: Envelope;
    try {
      event = this.decode(message, headers);
    } catch (error) {
      if (!(error instanceof InvalidEventError)) throw error;
      return this.deadLetter(message, headers, `invalid event: ${error.message}`, 1, 'invalid_event');
    }
    span.setAttributes(eventAttributes(event));

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

function eventAttributes(event: Envelope) {
  return {
    [MessagingAttributes.messageId]: event.eventId,
    [SagaAttributes.eventType]: event.type,
    ...(event.orderId ? { [SagaAttributes.orderId]: event.orderId } : {}),
    ...(event.causationId ? { [SagaAttributes.causationId]: event.causationId } : {}),
  };
}

function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
