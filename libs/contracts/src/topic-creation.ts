/** What topic creation needs of a Kafka admin client; kafkajs' `Admin` has it (contracts stay free of kafkajs). */
export interface TopicAdmin {
  listTopics(): Promise<string[]>;
  createTopics(options: {
    waitForLeaders?: boolean;
    topics: {
      topic: string;
      numPartitions?: number;
      replicationFactor?: number;
      configEntries?: { name: string; value: string }[];
    }[];
  }): Promise<boolean>;
  fetchTopicMetadata(options: {
    topics: string[];
  }): Promise<{ topics: { name: string; partitions: { leader: number }[] }[] }>;
}

export interface TopicToCreate {
  name: string;
  partitions: number;
  /** Left to the broker's default when absent. */
  retentionMs?: number;
}

/**
 * The one topic creation (infra provisioning and the test harness): creates the topics that do not exist yet
 * (existing ones are left as they are) and waits until every partition has a leader. kafkajs' own
 * `waitForLeaders` gives up on Kafka 4.x when the first metadata answer says UNKNOWN_TOPIC_OR_PARTITION, so the
 * wait polls the metadata here. Returns the names it created.
 */
export async function createMissingTopics(
  admin: TopicAdmin,
  topics: readonly TopicToCreate[],
  { timeoutMs = 30_000 }: { timeoutMs?: number } = {},
): Promise<string[]> {
  const existing = new Set(await admin.listTopics());
  const missing = topics.filter((t) => !existing.has(t.name));
  if (missing.length === 0) return [];
  await admin.createTopics({
    waitForLeaders: false,
    topics: missing.map((t) => ({
      topic: t.name,
      numPartitions: t.partitions,
      replicationFactor: 1,
      configEntries: t.retentionMs === undefined ? [] : [{ name: 'retention.ms', value: String(t.retentionMs) }],
    })),
  });
  const names = missing.map((t) => t.name);
  const deadline = Date.now() + timeoutMs;
  while (!(await haveLeaders(admin, missing))) {
    if (Date.now() > deadline) throw new Error(`no leaders for ${names.join(', ')} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return names;
}

async function haveLeaders(admin: TopicAdmin, wanted: readonly TopicToCreate[]): Promise<boolean> {
  try {
    // Asking for a topic's metadata before the broker lists it makes kafkajs log an error per attempt.
    const listed = new Set(await admin.listTopics());
    if (!wanted.every((t) => listed.has(t.name))) return false;
    const { topics } = await admin.fetchTopicMetadata({ topics: wanted.map((t) => t.name) });
    const partitions = new Map(topics.map((t) => [t.name, t.partitions]));
    return wanted.every((t) => {
      const found = partitions.get(t.name) ?? [];
      return found.length === t.partitions && found.every((p) => p.leader >= 0);
    });
  } catch {
    return false; // metadata not there yet
  }
}
