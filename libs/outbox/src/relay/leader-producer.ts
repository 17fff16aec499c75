import type { Kafka, Producer, ProducerBatch } from 'kafkajs';
import { eventProducerConfig } from './producer-config';

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
 * Starts a leadership term. With a Kafka client: a transactional producer under the outbox's one
 * transactionalId, initialised here (InitProducerId bumps the epoch, which aborts the previous
 * leader's open transaction and fences its producer) before the term reads any row. Every batch is
 * one transaction: the produce request, then EndTxn; measured cost in docs/reliability.md.
 * A producer passed in is used as is and never closed (tests that inject broker failures).
 */
export async function leaderProducerOf(source: Producer | Kafka, transactionalId: string): Promise<LeaderProducer> {
  if (!isKafka(source)) return { sendBatch: (batch) => source.sendBatch(batch), close: async () => undefined };
  const producer = source.producer({ ...eventProducerConfig(), transactionalId, transactionTimeout: TRANSACTION_TIMEOUT_MS });
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
