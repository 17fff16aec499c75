import { Kafka, logLevel } from 'kafkajs';
import { createMissingTopics, TOPIC_CATALOG } from '@saga/contracts';
import { withAdmin } from '../kafka';

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
    await withAdmin(run.kafka, (admin) =>
      createMissingTopics(
        admin,
        TOPIC_CATALOG.map((spec) => ({ ...spec, name: `${opts.prefix}${spec.name}` })),
      ),
    );
    return run;
  }

  names(): string[] {
    return TOPIC_CATALOG.map((spec) => `${this.prefix}${spec.name}`);
  }

  async delete(): Promise<void> {
    await withAdmin(this.kafka, (admin) => admin.deleteTopics({ topics: this.names() }));
  }
}
