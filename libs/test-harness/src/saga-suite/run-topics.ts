import { Kafka, logLevel } from 'kafkajs';
import { TOPIC_CATALOG } from '@saga/contracts';

/**
 * The whole topic catalog under a run's own prefix (services started with KAFKA_TOPIC_PREFIX=<prefix>
 * use `<prefix><topic>` and consumer groups `<prefix><service>.<Handler>`), so a suite run shares no
 * topic and no consumer group with a dev stack or another run on the same broker.
 */
export class RunTopics {
  private constructor(
    private readonly kafka: Kafka,
    readonly prefix: string,
  ) {}

  static async create(opts: { brokers: string[]; prefix: string }): Promise<RunTopics> {
    const run = new RunTopics(
      new Kafka({ clientId: 'saga-suite-topics', brokers: opts.brokers, logLevel: logLevel.NOTHING }),
      opts.prefix,
    );
    await run.withAdmin((admin) =>
      admin.createTopics({
        waitForLeaders: true,
        topics: TOPIC_CATALOG.map((spec) => ({
          topic: `${opts.prefix}${spec.name}`,
          numPartitions: spec.partitions,
          replicationFactor: 1,
        })),
      }),
    );
    return run;
  }

  names(): string[] {
    return TOPIC_CATALOG.map((spec) => `${this.prefix}${spec.name}`);
  }

  async delete(): Promise<void> {
    await this.withAdmin((admin) => admin.deleteTopics({ topics: this.names() }));
  }

  private async withAdmin<T>(work: (admin: ReturnType<Kafka['admin']>) => Promise<T>): Promise<T> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      return await work(admin);
    } finally {
      await admin.disconnect();
    }
  }
}
