import { context, ROOT_CONTEXT } from '@opentelemetry/api';
import type { ConsumerOutcome } from '@saga/metrics';
import type { SqlExecutor, UnitOfWork } from '@saga/outbox';
import type { Logger } from 'pino';
import { describeError } from './describe-error';

/**
 * Keeps the group membership while a long batch is handled (kafkajs sends a heartbeat only when its
 * interval has passed, so calling it per message is cheap); a failed heartbeat is not the message's fault.
 */
export type Heartbeat = () => Promise<void>;

/** One message of a TogetherPart. */
export interface TogetherItem {
  readonly eventId: string;
  /** The Kafka key (the order id for saga events): items are handled in key order. */
  readonly key: string | null;
  /** Runs the handler inside the ambient transaction; `duplicate` = already in the inbox, nothing runs. */
  handle(duplicate: boolean): Promise<ConsumerOutcome>;
}

/**
 * One handler's share of a shared transaction: messages already validated and traced
 * (MessageProcessor.prepareTogether), handled once their inbox records are known.
 */
export interface TogetherPart {
  /** The handler's inbox key (handlerIdOf). */
  readonly handlerId: string;
  /** One per message, in offset order. */
  readonly items: readonly TogetherItem[];
  /** After the commit: outcomes on the spans and metrics, spans ended. */
  complete(outcomes: readonly ConsumerOutcome[]): void;
  /** After a rollback: spans ended; the messages are processed again alone. */
  abandon(reason: string): void;
}

/**
 * Every handler's inbox records of a shared transaction in one statement: pairs of handler id and event id,
 * returning the pairs that were new. No quotes in the text, so it can travel with BEGIN.
 */
const RECORD_INBOX_PAIRS =
  `INSERT INTO processed_message (consumer_group, event_id) ` +
  `SELECT handler, id::uuid FROM unnest($1::text[], $2::text[]) AS pair(handler, id) ` +
  `ON CONFLICT DO NOTHING RETURNING consumer_group, event_id::text AS event_id`;

/**
 * Handles the parts in one transaction: one inbox statement for all of them, then every message, one
 * commit. Messages run in the order of their keys (a stable sort: one key's messages, and one message's
 * handlers, keep their order), so concurrent transactions that lock rows by key (the saga of an order)
 * take those locks in one order and cannot deadlock each other. Resolves with each part's outcomes, or
 * null after a rollback (any handler failed, the commit failed): then every part is abandoned and its
 * messages must be processed alone, so a failure costs only the message that causes it.
 */
export async function handleTogether(
  uow: UnitOfWork<SqlExecutor>,
  parts: readonly TogetherPart[],
  logger: Logger,
  heartbeat?: Heartbeat,
): Promise<ConsumerOutcome[][] | null> {
  try {
    const work = parts.flatMap((part, p) => part.items.map((item, i) => ({ part, item, p, i })));
    work.sort((a, b) => compareKeys(a.item.key, b.item.key));
    // outside every message's context: the transaction belongs to no single trace, its statements
    // run inside the handlers and are parented to their message's span
    const outcomes = await context.with(ROOT_CONTEXT, () =>
      uow.run(async (tx) => {
        const rows = await tx.query<{ consumer_group: string; event_id: string }[]>(
          RECORD_INBOX_PAIRS,
          work.map(({ part }) => part.handlerId),
          work.map(({ item }) => item.eventId),
        );
        // a pair repeated in the parts is new once: its first occurrence is handled, the next is a duplicate
        const fresh = new Set(rows.map((row) => inboxKey(row.consumer_group, row.event_id)));
        const all: ConsumerOutcome[][] = parts.map(() => []);
        for (const { part, item, p, i } of work) {
          const duplicate = !fresh.delete(inboxKey(part.handlerId, item.eventId.toLowerCase()));
          all[p]![i] = await item.handle(duplicate);
          await heartbeat?.();
        }
        return all;
      }),
    );
    parts.forEach((part, i) => part.complete(outcomes[i]!));
    return outcomes;
  } catch (error) {
    for (const part of parts) part.abandon(describeError(error));
    logger.warn(
      { err: error, handlers: [...new Set(parts.map((part) => part.handlerId))], messages: countOf(parts) },
      'batch failed; processing its messages one at a time',
    );
    return null;
  }
}

function inboxKey(handlerId: string, eventId: string): string {
  return `${handlerId}\n${eventId}`;
}

function countOf(parts: readonly TogetherPart[]): number {
  return parts.reduce((sum, part) => sum + part.items.length, 0);
}

function compareKeys(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a < b ? -1 : 1;
}
