import { Kafka, logLevel } from 'kafkajs';
import { TOPIC_CATALOG, type TopicSpec } from '@saga/contracts';

/** Creates missing topics with the catalog's partitions and retention; existing topics are left as they are. */
export async function createCatalogTopics(brokers: string[], catalog: readonly TopicSpec[] = TOPIC_CATALOG) {
  const admin = new Kafka({ clientId: 'saga-infra-topics', brokers, logLevel: logLevel.WARN }).admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = catalog.filter((spec) => !existing.has(spec.name));
    if (missing.length > 0) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((spec) => ({
          topic: spec.name,
          numPartitions: spec.partitions,
          replicationFactor: 1,
          configEntries: [{ name: 'retention.ms', value: String(spec.retentionMs) }],
        })),
      });
    }
    // Makes the broker create __consumer_offsets now, so the first consumer group does not wait for it.
    await admin.describeGroups(['saga-infra-warmup']);
    return { created: missing.map((s) => s.name), total: catalog.length };
  } finally {
    await admin.disconnect();
  }
}
