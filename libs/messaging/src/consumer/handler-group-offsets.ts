import type { Admin, Kafka } from 'kafkajs';
import type { Logger } from 'pino';

export interface HandlerGroup {
  /** The group this handler had before one group per service: `<service>.<handler>`. */
  groupId: string;
  topic: string;
}

type Offsets = Map<number, string>;

/**
 * Upgrade from one consumer group per handler to one per service: a service group with no committed
 * offsets starts, per partition, where the slowest of its topic's old handler groups stopped, instead of
 * reading every topic's retained history again. A partition that some old group never committed is left
 * to `fromBeginning`, as that handler would have read it. Offsets can only be set on a group without
 * members, so when another instance already joined, its offsets stand and this does nothing. The old
 * groups are left as they are (delete them once every instance runs this version).
 */
export async function adoptHandlerGroupOffsets(opts: {
  kafka: Kafka;
  groupId: string;
  handlerGroups: HandlerGroup[];
  logger: Logger;
}): Promise<void> {
  const topics = [...new Set(opts.handlerGroups.map((g) => g.topic))];
  const admin = opts.kafka.admin();
  await admin.connect();
  try {
    const own = await committed(admin, opts.groupId, topics);
    if ([...own.values()].some((offsets) => offsets.size > 0)) return;
    const adopted: Record<string, Record<number, string>> = {};
    for (const topic of topics) {
      const olds = opts.handlerGroups.filter((g) => g.topic === topic);
      const perGroup = await Promise.all(
        olds.map(async (g) => (await committed(admin, g.groupId, [topic])).get(topic)!),
      );
      const partitions = [...perGroup[0]!.keys()].filter((p) => perGroup.every((offsets) => offsets.has(p)));
      if (partitions.length === 0) continue;
      const slowest = partitions.map((partition) => ({
        partition,
        offset: perGroup
          .map((offsets) => BigInt(offsets.get(partition)!))
          .reduce((a, b) => (b < a ? b : a))
          .toString(),
      }));
      try {
        await admin.setOffsets({ groupId: opts.groupId, topic, partitions: slowest });
      } catch (error) {
        opts.logger.info({ err: error, consumerGroup: opts.groupId }, 'offsets not adopted: the group has members');
        return;
      }
      adopted[topic] = Object.fromEntries(slowest.map(({ partition, offset }) => [partition, offset]));
    }
    if (Object.keys(adopted).length > 0) {
      opts.logger.info(
        { consumerGroup: opts.groupId, adopted },
        'new consumer group starts where the per-handler groups stopped',
      );
    }
  } finally {
    await admin.disconnect();
  }
}

/** Committed offsets per topic and partition (partitions without a committed offset left out). */
async function committed(admin: Admin, groupId: string, topics: string[]): Promise<Map<string, Offsets>> {
  const result = await admin.fetchOffsets({ groupId, topics });
  return new Map(
    result.map(({ topic, partitions }) => [
      topic,
      new Map(partitions.filter((p) => Number(p.offset) >= 0).map((p) => [p.partition, p.offset])),
    ]),
  );
}
