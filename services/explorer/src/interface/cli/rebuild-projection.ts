import type { SqlExecutor } from '@saga/outbox';
import type { Kafka } from 'kafkajs';

export interface RebuildOptions {
  kafka: Kafka;
  sql: SqlExecutor;
  /** The consumer group is `<topic prefix><service>` (`<service>.<Handler>` groups of older builds go too). */
  service: string;
  topicPrefix?: string;
  log: (message: string) => void;
}

/** Everything derived from the topics; dead_letter_replay (who replayed what) is not, and is kept. */
const PROJECTION_TABLES = ['saga_event', 'saga', 'dead_letter', 'processed_message'];

/**
 * Empties the projection and deletes the explorer's consumer groups, so the next start reads every saga and
 * dead-letter topic from the beginning (within their retention) into the empty tables. Refuses while an
 * explorer instance is running: its groups would commit offsets over the reset.
 */
export async function rebuildProjection({ kafka, sql, service, topicPrefix = '', log }: RebuildOptions): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const { groups } = await admin.listGroups();
    const group = `${topicPrefix}${service}`;
    const ids = groups.map((g) => g.groupId).filter((id) => id === group || id.startsWith(`${group}.`));
    if (ids.length > 0) {
      const described = await admin.describeGroups(ids);
      const active = described.groups.filter((g) => g.members.length > 0).map((g) => g.groupId);
      if (active.length > 0) throw new Error(`stop the explorer first: ${active.join(', ')} still have members`);
    }
    await sql.execute(`TRUNCATE ${PROJECTION_TABLES.join(', ')}`);
    log(`emptied ${PROJECTION_TABLES.join(', ')}`);
    if (ids.length > 0) await admin.deleteGroups(ids);
    log(`deleted ${ids.length} consumer group(s); the next start replays every saga and dead-letter topic`);
  } finally {
    await admin.disconnect();
  }
}
