import { Consumer, Kafka, logLevel } from 'kafkajs';
import { OrderCompleted, OrderProcessingFailed, parseEvent, PaymentFailed, Topics } from '@saga/contracts';
import { Clock } from '../load/clock';
import { TerminalEvent } from './order-tracker';

export const TERMINAL_TOPICS = [Topics.OrderProcessed, Topics.OrderProcessingFail, Topics.OrderPaymentFail];

/**
 * Observes saga ends on the terminal topics with a consumer group of its own (never polling the API),
 * stamping each event with the bench clock when it arrives.
 */
export class TerminalWatcher {
  private consumer?: Consumer;
  invalidMessages = 0;

  constructor(
    private readonly kafka: Kafka,
    private readonly groupId: string,
    private readonly clock: Clock,
    private readonly onTerminal: (event: TerminalEvent) => void,
  ) {}

  /** Resolves once the group has its partitions, so no terminal event of the run can be missed. */
  async start(): Promise<void> {
    const consumer = this.kafka.consumer({ groupId: this.groupId, maxWaitTimeInMs: 50, sessionTimeout: 30000 });
    this.consumer = consumer;
    await consumer.connect();
    const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
    await consumer.subscribe({ topics: TERMINAL_TOPICS, fromBeginning: false });
    await consumer.run({
      partitionsConsumedConcurrently: 3,
      eachMessage: async ({ topic, message }) => {
        const at = this.clock.now();
        const event = this.toTerminal(topic, message.value, at, Number(message.timestamp));
        if (event) this.onTerminal(event);
      },
    });
    await joined;
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }

  private toTerminal(topic: string, value: Buffer | null, at: number, publishedAtMs: number): TerminalEvent | null {
    let envelope;
    try {
      envelope = parseEvent(topic, value);
    } catch {
      this.invalidMessages++;
      return null;
    }
    if (!envelope.orderId) return null;
    const ids = { orderId: envelope.orderId, eventId: envelope.eventId, publishedAtMs };
    if (envelope.type === OrderCompleted.type) {
      const payload = envelope.payload as OrderCompleted['payload'];
      return { ...ids, outcome: 'COMPLETED', reason: null, total: payload.total, at };
    }
    if (envelope.type === OrderProcessingFailed.type || envelope.type === PaymentFailed.type) {
      const payload = envelope.payload as OrderProcessingFailed['payload'] | PaymentFailed['payload'];
      return { ...ids, outcome: 'CANCELLED', reason: payload.reason, total: null, at };
    }
    return null;
  }
}

export function createBenchKafka(brokers: string[], clientId: string): Kafka {
  return new Kafka({ clientId, brokers, logLevel: logLevel.ERROR, retry: { retries: 8 } });
}
