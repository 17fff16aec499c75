import { Kafka, logLevel } from 'kafkajs';

/**
 * Names made by the test harness's uniqueId (`<prefix>_<ms since the epoch, base 36>_<8 hex>`), alone or
 * before `.` (a topic or group prefix). The time in the name is when the test made it.
 */
const TEST_NAME = /^[a-z][a-z0-9-]*_([0-9a-z]{6,})_[0-9a-f]{8}(?:[._]|$)/;
/** The bench's own consumer group of a run: `bench.<yyyymmddhhmmss>-<hex>`. */
const BENCH_GROUP = /^bench\.(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})-[0-9a-f]+$/;

/** When a test or bench run made this topic or group, or null when it is not one of theirs. */
export function leftoverCreatedAt(name: string): number | null {
  const test = TEST_NAME.exec(name);
  if (test) {
    const ms = parseInt(test[1]!, 36);
    return Number.isFinite(ms) ? ms : null;
  }
  const bench = BENCH_GROUP.exec(name);
  if (bench) {
    const [, y, mo, d, h, mi, s] = bench.map(Number);
    return Date.UTC(y!, mo! - 1, d!, h!, mi!, s!);
  }
  return null;
}

/**
 * Deletes the topics and consumer groups that integration tests and bench runs left on a long-lived broker
 * and that are older than `olderThanMs` (a run still going is left alone). Every run adds hundreds of
 * partitions, and the broker's CPU per consumed event grows with its partition count: 4,483 partitions made
 * Kafka cost 21 instead of 15.6 ms per saga in the bench (docs/performance.md).
 */
export async function pruneTestLeftovers(brokers: string[], olderThanMs: number, now = Date.now()) {
  const admin = new Kafka({ clientId: 'saga-infra-prune', brokers, logLevel: logLevel.WARN }).admin();
  await admin.connect();
  try {
    const old = (name: string) => {
      const createdAt = leftoverCreatedAt(name);
      return createdAt !== null && createdAt < now - olderThanMs;
    };
    const topics = (await admin.listTopics()).filter(old);
    const groups = (await admin.listGroups()).groups.map((group) => group.groupId).filter(old);
    for (let i = 0; i < topics.length; i += 100) {
      await admin.deleteTopics({ topics: topics.slice(i, i + 100), timeout: 60_000 });
    }
    for (let i = 0; i < groups.length; i += 50) {
      // a group with members (a run still consuming) is refused; it stays
      await admin.deleteGroups(groups.slice(i, i + 50)).catch(() => undefined);
    }
    return { topics: topics.length, groups: groups.length };
  } finally {
    await admin.disconnect();
  }
}
