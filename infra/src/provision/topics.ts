import { Kafka, logLevel } from 'kafkajs';
import { createMissingTopics, TOPIC_CATALOG, type TopicSpec } from '@saga/contracts';

/**
 * Creates missing topics with the catalog's partitions and retention; existing topics are left as they are.
 * KAFKA_TOPIC_PREFIX (what services read for isolated runs) names them `<prefix><topic>`.
 */
export async function createCatalogTopics(
  brokers: string[],
  catalog: readonly TopicSpec[] = TOPIC_CATALOG,
  prefix = process.env.KAFKA_TOPIC_PREFIX ?? '',
) {
  const admin = new Kafka({ clientId: 'saga-infra-topics', brokers, logLevel: logLevel.WARN }).admin();
  await admin.connect();
  try {
    const created = await createMissingTopics(
      admin,
      catalog.map((spec) => ({ ...spec, name: `${prefix}${spec.name}` })),
    );
    // Makes the broker create __consumer_offsets now, so the first consumer group does not wait for it.
    await admin.describeGroups(['saga-infra-warmup']);
    return { created, total: catalog.length };
  } finally {
    await admin.disconnect();
  }
}
