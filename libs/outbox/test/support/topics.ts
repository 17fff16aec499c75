import { testKafka, waitFor } from '@saga/test-harness';

/**
 * Creates fresh test topics and waits until every partition has a leader. kafkajs' own
 * `waitForLeaders` gives up on Kafka 4.x when the first metadata answer says UNKNOWN_TOPIC_OR_PARTITION,
 * so the wait is done here by polling.
 */
export async function createTestTopics(names: string[], partitions = 3): Promise<void> {
  const admin = testKafka().admin();
  await admin.connect();
  try {
    await admin.createTopics({
      waitForLeaders: false,
      topics: names.map((topic) => ({ topic, numPartitions: partitions, replicationFactor: 1 })),
    });
    await waitFor(
      async () => {
        const { topics } = await admin.fetchTopicMetadata({ topics: names });
        return topics.every((t) => t.partitions.length === partitions && t.partitions.every((p) => p.leader >= 0));
      },
      { description: `leaders for ${names.join(', ')}`, intervalMs: 100 },
    );
  } finally {
    await admin.disconnect();
  }
}
