import { deadLetterTopicOf, OrderPlaced, Topics } from '@saga/contracts';
import { SqlUnitOfWork } from '@saga/outbox';
import { createTopics, testKafka, uniqueId } from '@saga/test-harness';
import { ConsumerHost, EventHandler, MessageMeta } from '../../src';
import { createOutboxTestDatabase, OutboxTestDatabase } from '../../../outbox/test/support/test-database';
import { createTestPrisma, TestPrisma } from '../../../outbox/test/support/test-prisma';
import { testLogger } from '../../../outbox/test/support/test-logger';

export { orderPlaced, newOrderId } from '../../../outbox/test/support/events';
export { installTestTracing } from '../../../outbox/test/support/test-tracing';
export { testLogger };

/** One consuming service: its own database (effect + inbox tables) and unit of work. */
export interface ConsumerSide {
  service: string;
  db: OutboxTestDatabase;
  prisma: TestPrisma;
  uow: SqlUnitOfWork<any>;
  close(): Promise<void>;
}

export async function createConsumerSide(prefix: string): Promise<ConsumerSide> {
  const service = uniqueId('svc').toLowerCase();
  const db = await createOutboxTestDatabase();
  const prisma = createTestPrisma(db.url);
  const uow = new SqlUnitOfWork(prisma, { service, topicPrefix: prefix });
  return {
    service,
    db,
    prisma,
    uow,
    close: async () => {
      await prisma.$disconnect();
      await db.drop();
    },
  };
}

/** Unique topic names for one test: the order.processing topic and its dead-letter twin. */
export async function createOrderProcessingTopics(partitions = 3) {
  const prefix = `${uniqueId('msg')}.`;
  const topic = `${prefix}${Topics.OrderProcessing}`;
  const deadLetterTopic = deadLetterTopicOf(topic);
  await createTopics([topic, deadLetterTopic], { partitions });
  return { prefix, topic, deadLetterTopic };
}

/**
 * A handler that records its effect (orderId, eventId, seq = subtotal) through the unit of work, so
 * it joins the wrapper's transaction, and then runs `afterEffect` (which may throw to test rollback).
 */
export function recordingHandler(
  side: ConsumerSide,
  name: string,
  afterEffect: (event: OrderPlaced, meta: MessageMeta) => Promise<void> = async () => undefined,
): EventHandler<typeof OrderPlaced> {
  return {
    name,
    event: OrderPlaced,
    handle: async (event, meta) => {
      await side.uow.run((tx) =>
        (tx as TestPrisma).effect.create({
          data: { orderId: event.orderId!, eventId: event.eventId, seq: event.payload.subtotal },
        }),
      );
      await afterEffect(event, meta);
    },
  };
}

export function consumerHost(
  side: ConsumerSide,
  prefix: string,
  overrides: Partial<ConstructorParameters<typeof ConsumerHost>[0]> = {},
) {
  return new ConsumerHost({
    service: side.service,
    kafka: testKafka(),
    uow: side.uow,
    logger: testLogger,
    retry: { maxAttempts: 3, initialDelayMs: 20, maxDelayMs: 100 },
    topicPrefix: prefix,
    ...overrides,
  });
}

export async function effectsOf(side: ConsumerSide): Promise<{ order_id: string; event_id: string; seq: number }[]> {
  return side.db.query('SELECT order_id, event_id, seq FROM effect ORDER BY id');
}
