import { Context, context, INVALID_SPAN_CONTEXT, ROOT_CONTEXT, Span, SpanKind, trace } from '@opentelemetry/api';
import { Envelope, InvalidEventError, parseEvent } from '@saga/contracts';
import { ConsumerMetrics, ConsumerOutcome, DeadLetterCause } from '@saga/metrics';
import { isInfrastructureOutage, isTransactionConflict, SqlExecutor, UnitOfWork } from '@saga/outbox';
import { markSpanFailed, MessagingAttributes, restoreTraceContext, SagaAttributes, SpanNames } from '@saga/telemetry';
import type { IHeaders } from 'kafkajs';
import type { Logger } from 'pino';
import { DeadLetter } from './dead-letter';
import { describeError } from './describe-error';
import { MessageHandler, MessageMeta, NonRetryableError } from './event-handler';
import { headersToStrings } from './headers';
import { RetryPolicy, retryDelayMs } from './retry-policy';
import { handleTogether, Heartbeat, TogetherPart } from './together';

export type { Heartbeat } from './together';

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

/** A message whose try failed and that must be tried again after this delay (its partition waits meanwhile). */
export interface RetryLater {
  retryAfterMs: number;
}

/** What one try of a message came to: done (its offset may be committed) or to be tried again. */
export type Attempted = ConsumerOutcome | RetryLater;

export function isRetryLater(attempted: Attempted): attempted is RetryLater {
  return typeof attempted === 'object';
}

/** The messages of a batch that are done, in order (a prefix), and when to try the first of the rest again. */
export interface BatchResult {
  outcomes: ConsumerOutcome[];
  retryAfterMs?: number;
}

/** Where dead letters go; returns the dead-letter topic. The real one is publishDeadLetter on a producer. */
export type DeadLetterSink = (letter: DeadLetter) => Promise<string>;

export interface MessageProcessorOptions {
  handler: MessageHandler;
  /** `<service>.<handler>` (handlerIdOf): the inbox key and the dead letters' x-dlq-consumer-group. */
  handlerId: string;
  /** The Kafka consumer group the message was fetched by (span attribute). */
  consumerGroup: string;
  uow: UnitOfWork<SqlExecutor>;
  deadLetters: DeadLetterSink;
  logger: Logger;
  retry: RetryPolicy;
  /** Stripped from the physical topic before parseEvent's topic check; for isolated test runs. */
  topicPrefix?: string;
  /** True once the host is stopping: a message that meets an outage then rejects instead of waiting (Kafka redelivers). */
  isStopping?: () => boolean;
  /** Records outcomes, retries, dead letters and duration for this consumer group. */
  metrics?: ConsumerMetrics;
  /** false: no process span (ConsumerHostOptions.traceMessages). Default true. */
  traced?: boolean;
}

const tracer = trace.getTracer('@saga/messaging');
/** The span of an untraced message: records nothing, exports nothing. */
const UNTRACED = trace.wrapSpanContext(INVALID_SPAN_CONTEXT);

const RECORD_INBOX = `INSERT INTO processed_message (consumer_group, event_id) VALUES ($1, $2::uuid) ON CONFLICT DO NOTHING`;

/** One message's span, its context and its headers, from the moment it was taken up. */
interface Traced {
  message: IncomingMessage;
  headers: Record<string, string>;
  span: Span;
  context: Context;
  /** performance.now() when the message was taken up, for the handling-duration metric. */
  startedAt: number;
}

/** Tries so far of the message a partition is retrying; a partition retries one message at a time. */
interface RetryState {
  offset: string;
  /** Handler failures so far (counted toward the dead-letter limit). */
  failures: number;
  /** Tries that met an unavailable dependency (not counted toward the limit). */
  outageWaits: number;
  /** performance.now() at the first try, for the handling-duration metric. */
  firstTriedAt: number;
}

/**
 * Everything that happens to one consumed message: validate, trace, deduplicate, retry, dead-letter.
 * A try never sleeps: a failure that deserves another try resolves to `RetryLater`, and the caller
 * (ConsumerHost) pauses only that partition and hands the message back after the delay, so one
 * handler's backoff never holds up another partition or topic. The processor remembers the tries of
 * each partition's retried message. Resolves with an outcome when the message is done (handled,
 * duplicate or dead-lettered) and its offset may be committed; rejects only when even the dead-letter
 * publish failed, so Kafka redelivers it.
 */
export class MessageProcessor {
  private readonly retrying = new Map<string, RetryState>();

  constructor(private readonly options: MessageProcessorOptions) {}

  async process(message: IncomingMessage): Promise<Attempted> {
    const traced = this.trace(message);
    return this.finish(traced, () => this.validateAndHandle(message, traced.headers, traced.span));
  }

  /**
   * Messages of one partition, in offset order. All valid ones are handled in one transaction with
   * one inbox insert (handleTogether); when any fails to validate or to handle, the transaction rolls
   * back and every message is processed alone (with its own retries and dead letter), so a poison
   * message costs only itself. Each message keeps its own span, parented to its producer's.
   */
  async processBatch(messages: readonly IncomingMessage[], heartbeat?: Heartbeat): Promise<BatchResult> {
    if (messages.length === 0) return { outcomes: [] };
    // a message coming back for another try goes alone first: its tries are counted one by one
    if (this.retryStateOf(messages[0]!)) {
      const first = await this.process(messages[0]!);
      if (isRetryLater(first)) return { outcomes: [], retryAfterMs: first.retryAfterMs };
      await heartbeat?.();
      const rest = await this.processBatch(messages.slice(1), heartbeat);
      return { outcomes: [first, ...rest.outcomes], retryAfterMs: rest.retryAfterMs };
    }
    if (messages.length > 1) {
      const part = this.prepareTogether(messages);
      const together = part && (await handleTogether(this.options.uow, [part], this.options.logger, heartbeat));
      if (together) return { outcomes: together[0]! };
    }
    return this.processOneByOne(messages, heartbeat);
  }

  /**
   * The batch validated and traced, ready to be handled in a transaction shared with other batches
   * (handleTogether); null when it must go one message at a time: a message is invalid, or the first
   * one is being retried (its tries are counted one by one).
   */
  prepareTogether(messages: readonly IncomingMessage[]): TogetherPart | null {
    if (messages.length === 0 || this.retryStateOf(messages[0]!)) return null;
    const headers = messages.map((message) => headersToStrings(message.headers));
    const events: Envelope[] = [];
    for (const [i, message] of messages.entries()) {
      try {
        events.push(this.decode(message, headers[i]!));
      } catch (error) {
        if (error instanceof InvalidEventError) return null;
        throw error;
      }
    }
    const traced = messages.map((message, i) => this.trace(message, headers[i]!));
    traced.forEach(({ span }, i) =>
      span.setAttributes({ ...eventAttributes(events[i]!), [SagaAttributes.attempt]: 1 }),
    );
    return {
      handlerId: this.options.handlerId,
      items: traced.map((one, i) => ({
        eventId: events[i]!.eventId,
        key: one.message.key ? one.message.key.toString() : null,
        handle: async (duplicate) => {
          one.span.setAttribute(SagaAttributes.duplicate, duplicate);
          if (duplicate) return 'duplicate';
          await context.with(one.context, () =>
            this.options.handler.handle(events[i]!, this.metaOf(one.message, one.headers, 1)),
          );
          return 'succeeded';
        },
      })),
      complete: (outcomes) =>
        traced.forEach((one, i) => {
          one.span.setAttribute(SagaAttributes.outcome, outcomes[i]!);
          this.recordHandled(one.startedAt, outcomes[i]!);
          one.span.end();
        }),
      abandon: (reason) =>
        traced.forEach(({ span }) => {
          span.addEvent('batch failed; processed again alone', { 'exception.message': reason });
          span.end();
        }),
    };
  }

  private async processOneByOne(messages: readonly IncomingMessage[], heartbeat?: Heartbeat): Promise<BatchResult> {
    const outcomes: ConsumerOutcome[] = [];
    for (const message of messages) {
      const attempted = await this.process(message);
      if (isRetryLater(attempted)) return { outcomes, retryAfterMs: attempted.retryAfterMs };
      outcomes.push(attempted);
      await heartbeat?.();
    }
    return { outcomes };
  }

  private recordHandled(startedAt: number, outcome: ConsumerOutcome): void {
    this.options.metrics?.handled(outcome, (performance.now() - startedAt) / 1000);
  }

  private trace(message: IncomingMessage, headers = headersToStrings(message.headers)): Traced {
    if (this.options.traced === false) {
      // outside any trace: the handler's transaction starts no span either (PgSqlClient needs an active span)
      return { message, headers, span: UNTRACED, context: ROOT_CONTEXT, startedAt: performance.now() };
    }
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

  private finish(traced: Traced, work: () => Promise<Attempted>): Promise<Attempted> {
    return context.with(traced.context, async () => {
      try {
        const startedAt = this.retryStateOf(traced.message)?.firstTriedAt ?? traced.startedAt;
        const attempted = await work();
        if (isRetryLater(attempted)) {
          traced.span.setAttribute(SagaAttributes.outcome, 'retry_later');
          return attempted;
        }
        this.forgetRetries(traced.message);
        traced.span.setAttribute(SagaAttributes.outcome, attempted);
        this.recordHandled(startedAt, attempted);
        return attempted;
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
  ): Promise<Attempted> {
    let event: Envelope;
    try {
      event = this.decode(message, headers);
    } catch (error) {
      if (!(error instanceof InvalidEventError)) throw error;
      return this.deadLetter(message, headers, `invalid event: ${error.message}`, 1, 'invalid_event');
    }
    span.setAttributes(eventAttributes(event));

    // `attempt` counts handler failures toward the dead-letter limit; waiting out an outage does not.
    const tries = this.retryStateOf(message);
    const attempt = (tries?.failures ?? 0) + 1;
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
        const state = this.rememberTry(message, tries, 'outage');
        const delayMs = retryDelayMs(this.options.retry, state.outageWaits + 1);
        span.addEvent('dependency unavailable', { 'exception.message': reason });
        this.log(event, message).warn(
          { err: error, outageWaits: state.outageWaits, delayMs },
          'dependency unavailable; waiting',
        );
        return { retryAfterMs: delayMs };
      }
      if (isTransactionConflict(error)) {
        // lost to a concurrent transaction (another instance's): not the message's fault, not counted
        const state = this.rememberTry(message, tries, 'outage');
        const delayMs = retryDelayMs(this.options.retry, Math.min(state.outageWaits, 3));
        span.addEvent('transaction conflict', { 'exception.message': reason });
        this.log(event, message).info({ err: error, delayMs }, 'transaction conflict; trying again');
        return { retryAfterMs: delayMs };
      }
      const finalAttempt = error instanceof NonRetryableError || attempt >= this.options.retry.maxAttempts;
      span.addEvent('handler failed', { [SagaAttributes.attempt]: attempt, 'exception.message': reason });
      if (finalAttempt) return this.deadLetter(message, headers, reason, attempt, 'handler_failed', event);
      this.options.metrics?.retried();
      this.rememberTry(message, tries, 'failure');
      const delayMs = retryDelayMs(this.options.retry, attempt + 1);
      this.log(event, message).warn({ err: error, attempt, delayMs }, 'handler failed; retrying');
      return { retryAfterMs: delayMs };
    }
  }

  /** The tries so far of this exact message, if its partition is retrying it. */
  private retryStateOf(message: IncomingMessage): RetryState | undefined {
    const state = this.retrying.get(partitionKey(message));
    return state?.offset === message.offset ? state : undefined;
  }

  private rememberTry(message: IncomingMessage, tries: RetryState | undefined, kind: 'failure' | 'outage'): RetryState {
    const state = tries ?? { offset: message.offset, failures: 0, outageWaits: 0, firstTriedAt: performance.now() };
    if (kind === 'failure') state.failures++;
    else state.outageWaits++;
    this.retrying.set(partitionKey(message), state);
    return state;
  }

  private forgetRetries(message: IncomingMessage): void {
    if (this.retryStateOf(message)) this.retrying.delete(partitionKey(message));
  }

  /** Inbox record and handler effects in one transaction: both commit or neither. Returns true for a duplicate. */
  private handleOnce(event: Envelope, meta: MessageMeta): Promise<boolean> {
    return this.options.uow.run(async (tx) => {
      const inserted = await tx.execute(RECORD_INBOX, this.options.handlerId, event.eventId);
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
        consumerGroup: this.options.handlerId,
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
      handlerId: this.options.handlerId,
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

function partitionKey(message: IncomingMessage): string {
  return `${message.topic}:${message.partition}`;
}

function eventAttributes(event: Envelope) {
  return {
    [MessagingAttributes.messageId]: event.eventId,
    [SagaAttributes.eventType]: event.type,
    ...(event.orderId ? { [SagaAttributes.orderId]: event.orderId } : {}),
    ...(event.causationId ? { [SagaAttributes.causationId]: event.causationId } : {}),
  };
}
