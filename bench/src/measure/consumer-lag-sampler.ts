import { Admin, AssignerProtocol, Kafka } from 'kafkajs';
import { SERVICES } from '../config/env';

export interface ConsumerLagSample {
  t: number;
  total: number;
  byGroup: Record<string, number>;
}

// `<service>` (one group per service) or `<service>.<Handler>` (builds before it), so one bench measures both
const SERVICE_GROUP = new RegExp(`^(${SERVICES.join('|')})(\\.|$)`);
const GROUP_REFRESH_MS = 15_000;

/**
 * Consumer lag of the services' groups (`<service>`): topic end offsets minus committed
 * offsets, per group. The topics of each group come from its members' subscription metadata.
 */
export class ConsumerLagSampler {
  private readonly admin: Admin;
  private groups = new Map<string, string[]>();
  private refreshedAt = 0;

  constructor(kafka: Kafka) {
    this.admin = kafka.admin();
  }

  async start(): Promise<void> {
    await this.admin.connect();
  }

  async stop(): Promise<void> {
    await this.admin.disconnect();
  }

  async sample(t: number): Promise<ConsumerLagSample> {
    if (t - this.refreshedAt > GROUP_REFRESH_MS) await this.refreshGroups(t);
    const topics = [...new Set([...this.groups.values()].flat())];
    const ends = new Map<string, Map<number, number>>();
    await Promise.all(
      topics.map(async (topic) => {
        const offsets = await this.admin.fetchTopicOffsets(topic);
        ends.set(topic, new Map(offsets.map((o) => [o.partition, Number(o.high)])));
      }),
    );
    const byGroup: Record<string, number> = {};
    await Promise.all(
      [...this.groups].map(async ([groupId, groupTopics]) => {
        const committed = await this.admin.fetchOffsets({ groupId, topics: groupTopics });
        let lag = 0;
        for (const { topic, partitions } of committed) {
          for (const p of partitions) {
            const offset = Number(p.offset);
            const end = ends.get(topic)?.get(p.partition) ?? 0;
            // -1: nothing committed yet; the group starts at the end, so there is no measurable backlog
            if (offset >= 0) lag += Math.max(0, end - offset);
          }
        }
        byGroup[groupId] = lag;
      }),
    );
    return { t, total: Object.values(byGroup).reduce((a, b) => a + b, 0), byGroup };
  }

  private async refreshGroups(t: number): Promise<void> {
    const { groups } = await this.admin.listGroups();
    const ids = groups.map((g) => g.groupId).filter((id) => SERVICE_GROUP.test(id));
    if (ids.length === 0) {
      this.groups = new Map();
      this.refreshedAt = t;
      return;
    }
    const described = await this.admin.describeGroups(ids);
    const next = new Map<string, string[]>();
    for (const group of described.groups) {
      const topics = new Set<string>();
      for (const member of group.members) {
        try {
          const metadata = AssignerProtocol.MemberMetadata.decode(member.memberMetadata);
          metadata?.topics.forEach((topic) => topics.add(topic));
        } catch {
          // a member with foreign metadata: its topics stay unknown
        }
      }
      if (topics.size > 0) next.set(group.groupId, [...topics]);
      else if (this.groups.has(group.groupId)) next.set(group.groupId, this.groups.get(group.groupId)!);
    }
    this.groups = next;
    this.refreshedAt = t;
  }
}
