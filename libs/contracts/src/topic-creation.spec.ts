import { createMissingTopics, type TopicAdmin } from './topic-creation';

/** A broker that already has `existing` and elects leaders for new topics only after a few metadata calls. */
function fakeAdmin(existing: string[], leaderAfterCalls = 2) {
  const created: Parameters<TopicAdmin['createTopics']>[0]['topics'] = [];
  let metadataCalls = 0;
  const admin: TopicAdmin = {
    listTopics: async () => [...existing, ...created.map((t) => t.topic)],
    createTopics: async ({ topics }) => {
      created.push(...topics);
      return true;
    },
    fetchTopicMetadata: async ({ topics }) => {
      metadataCalls += 1;
      if (metadataCalls < leaderAfterCalls) throw new Error('UNKNOWN_TOPIC_OR_PARTITION');
      return {
        topics: topics.map((name) => ({
          name,
          partitions: Array.from({ length: created.find((t) => t.topic === name)?.numPartitions ?? 0 }, () => ({
            leader: 1,
          })),
        })),
      };
    },
  };
  return { admin, created, metadataCalls: () => metadataCalls };
}

describe('createMissingTopics (infra provisioning and the test harness)', () => {
  it('creates only the missing topics, with partitions and retention, and waits for their leaders', async () => {
    const broker = fakeAdmin(['a']);
    const created = await createMissingTopics(broker.admin, [
      { name: 'a', partitions: 3 },
      { name: 'b', partitions: 6, retentionMs: 1000 },
      { name: 'c', partitions: 1 },
    ]);
    expect(created).toEqual(['b', 'c']);
    expect(broker.created).toEqual([
      { topic: 'b', numPartitions: 6, replicationFactor: 1, configEntries: [{ name: 'retention.ms', value: '1000' }] },
      { topic: 'c', numPartitions: 1, replicationFactor: 1, configEntries: [] },
    ]);
    expect(broker.metadataCalls()).toBe(2);
  });

  it('does nothing when every topic exists', async () => {
    const broker = fakeAdmin(['a']);
    await expect(createMissingTopics(broker.admin, [{ name: 'a', partitions: 3 }])).resolves.toEqual([]);
    expect(broker.created).toEqual([]);
  });

  it('gives up with the topic names when leaders never come', async () => {
    const broker = fakeAdmin([], Number.MAX_SAFE_INTEGER);
    await expect(createMissingTopics(broker.admin, [{ name: 'x', partitions: 1 }], { timeoutMs: 300 })).rejects.toThrow(
      /no leaders for x/,
    );
  });
});
