import type { Kafka, Producer, ProducerBatch } from 'kafkajs';
import { eventProducerConfig } from './producer-config';

/**
 * `transaction` (default): every batch in a Kafka transaction under the outbox's one transactionalId;
 * a new leader fences the old one, so no batch is ever published by two relays.
 * `none`: the idempotent producer only, one Kafka request per batch instead of three
 * (docs/reliability.md); a leader frozen mid-publish that wakes after the takeover may still send its
 * batch once more. That duplicate follows the new leader's copy of the same rows, so consumers (inbox)
 * drop it and per-key order is kept, but the topic holds the event twice.
 */
export type RelayFencing = 'transaction' | 'none';

/** What BatchPublisher sends through: one leadership term's producer. */
export interface LeaderProducer {
  sendBatch(batch: ProducerBatch): Promise<unknown>;
  close(): Promise<void>;
}

/**
 * A transaction is open at most this long; then the coordinator aborts it. It bounds how long a leader
 * that froze inside a transaction, with no standby to fence it, blocks read-committed consumers of the
 * partitions it wrote to.
 */
const TRANSACTION_TIMEOUT_MS = 30_000;

/**
 * The relay's first retry comes after ~5 ms instead of the client's 100 ms (the cap stays the client's).
 * A batch sent right after the previous commit is often answered CONCURRENT_TRANSACTIONS while the broker
 * still writes that commit's markers, usually gone within a few milliseconds: back-to-back batches of 3
 * on an idle broker take p95 5.5 ms with a 5 ms retry, 22-24 ms with 20 ms
 * (libs/outbox/bench/transactional-publish.ts). Two more attempts than at 20 ms keep the total retry span
 * of a broker outage about the same (~12.5 s).
 */
const RELAY_RETRY = { initialRetryTime: 5, retries: 14 };

/**
 * Starts a leadership term. With a Kafka client: a transactional producer under the outbox's one
 * transactionalId, initialised here (InitProducerId bumps the epoch, which aborts the previous
 * leader's open transaction and fences its producer) before the term reads any row. Every batch is
 * one transaction: the produce request, then EndTxn; measured cost in docs/reliability.md.
 * A producer passed in is used as is and never closed (tests that inject broker failures).
 */
export async function leaderProducerOf(
  source: Producer | Kafka,
  transactionalId: string,
  fencing: RelayFencing,
): Promise<LeaderProducer> {
  if (!isKafka(source)) return { sendBatch: (batch) => source.sendBatch(batch), close: async () => undefined };
  if (fencing === 'none') {
    const producer = source.producer({ ...eventProducerConfig(), retry: RELAY_RETRY });
    await producer.connect();
    return {
      sendBatch: (batch) => producer.sendBatch(batch),
      close: () => producer.disconnect().catch(() => undefined),
    };
  }
  const producer = source.producer({
    ...eventProducerConfig(),
    retry: RELAY_RETRY,
    transactionalId,
    transactionTimeout: TRANSACTION_TIMEOUT_MS,
  });
  try {
    await producer.connect();
    // kafkajs initialises the transactional id on the first transaction(): do it now, with nothing in it
    await (await producer.transaction()).abort();
  } catch (error) {
    await producer.disconnect().catch(() => undefined);
    throw error;
  }
  return {
    async sendBatch(batch) {
      const transaction = await producer.transaction();
      try {
        await transaction.sendBatch(batch);
        await transaction.commit();
      } catch (error) {
        await transaction.abort().catch(() => undefined);
        throw error;
      }
    },
    close: () => producer.disconnect().catch(() => undefined),
  };
}

function isKafka(candidate: Producer | Kafka): candidate is Kafka {
  return typeof (candidate as Kafka).producer === 'function';
}
