import { Consumer, Kafka, logLevel } from 'kafkajs';

/**
 * A consumer that stops on the first record with `key` and does not let its offset be committed until
 * released: a stand-in for a slow service, used to check the suite's own waitUntilConsumed.
 */
export class HeldConsumer {
  private seen = false;
  private release!: () => void;
  private readonly held = new Promise<void>((resolve) => (this.release = resolve));

  private constructor(private readonly consumer: Consumer) {}

  static async start(opts: { brokers: string[]; groupId: string; topic: string; key: string }): Promise<HeldConsumer> {
    const kafka = new Kafka({ clientId: opts.groupId, brokers: opts.brokers, logLevel: logLevel.NOTHING });
    const held = new HeldConsumer(kafka.consumer({ groupId: opts.groupId, maxWaitTimeInMs: 100 }));
    await held.consumer.connect();
    await held.consumer.subscribe({ topic: opts.topic, fromBeginning: true });
    await held.consumer.run({
      eachMessage: async ({ message }) => {
        if (message.key?.toString() !== opts.key) return;
        held.seen = true;
        await held.held;
      },
    });
    return held;
  }

  get holding(): boolean {
    return this.seen;
  }

  letGo(): void {
    this.release();
  }

  async stop(): Promise<void> {
    this.release();
    await this.consumer.disconnect();
  }
}
