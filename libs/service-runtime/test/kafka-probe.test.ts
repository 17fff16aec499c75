import { createKafka } from '@saga/messaging';
import { createTopics, currentEndpoints, uniqueId } from '@saga/test-harness';
import type { Admin, Kafka } from 'kafkajs';
import { KafkaProbe } from '../src/kafka/kafka-probe';

jest.setTimeout(60_000);

/** Records the response size of every Metadata request an admin client sends. */
function recordMetadataSizes(admin: Admin): number[] {
  const sizes: number[] = [];
  admin.on(admin.events.REQUEST, ({ payload }) => {
    if (payload.apiName === 'Metadata') sizes.push(payload.size);
  });
  return sizes;
}

/**
 * The readiness probe's cost must not grow with the broker's topic count (patches/kafkajs: unpatched,
 * describeCluster fetched every topic's metadata twice), while listing topics still lists them all.
 */
describe('KafkaProbe on a real broker', () => {
  it('asks for brokers only; listTopics still returns every topic', async () => {
    const topic = `${uniqueId('probe').toLowerCase()}.${'t'.repeat(100)}`;
    await createTopics([topic], { partitions: 1 });
    const kafka = createKafka({ clientId: 'probe-test', brokers: currentEndpoints().kafkaBrokers });

    const probeAdmin = kafka.admin();
    const probeSizes = recordMetadataSizes(probeAdmin);
    const probe = new KafkaProbe({ admin: () => probeAdmin } as unknown as Kafka);
    try {
      await expect(probe.describeCluster()).resolves.toMatchObject({ brokers: [expect.anything()] });
    } finally {
      await probe.onApplicationShutdown();
    }

    const listing = kafka.admin();
    const listingSizes = recordMetadataSizes(listing);
    await listing.connect();
    try {
      expect(await listing.listTopics()).toContain(topic);
    } finally {
      await listing.disconnect();
    }

    expect(probeSizes.length).toBeGreaterThan(0);
    // every answer the probe got is smaller than the full listing by more than the new topic's name
    expect(Math.max(...probeSizes) + topic.length).toBeLessThan(Math.max(...listingSizes));
  });
});
