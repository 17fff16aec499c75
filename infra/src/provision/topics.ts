import { Kafka, logLevel } from 'kafkajs';
import { createMissingTopics, TOPIC_CATALOG, type TopicSpec } from '@saga/contracts';

/** Creates missing topics with the catalog's partitions and retention; existing topics are left as they are. */
export async function createCatalogTopics(brokers: string[], catalog: readonly TopicSpec[] = TOPIC_CATALOG) {
  const admin = new Kafka({ clientId: 'saga-infra-topics', brokers, logLevel: logLevel.WARN }).admin();
  await admin.connect();
  try {
    const created = await createMissingTopics(admin, catalog);
    // Makes the broker create __consumer_offsets now, so the first consumer group does not wait for it.
    await admin.describeGroups(['saga-infra-warmup']);
    return { created, total: catalog.length };
  } finally {
    await admin.disconnect();
  }
}
