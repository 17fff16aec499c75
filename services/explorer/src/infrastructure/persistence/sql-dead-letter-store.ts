import type { SqlExecutor } from '@saga/outbox';
import type { StoredDeadLetter } from '../../application/ports/dead-letters';
import type { DeadLetterStore } from '../../application/ports/projection-unit-of-work';

export class SqlDeadLetterStore implements DeadLetterStore {
  constructor(private readonly tx: SqlExecutor) {}

  async insert(letter: StoredDeadLetter): Promise<boolean> {
    const inserted = await this.tx.execute(
      `INSERT INTO dead_letter (id, dead_letter_topic, partition, "offset", original_topic, original_partition,
         original_offset, consumer_group, error, attempts, failed_at, event_id, event_type, order_id, message_key,
         message_value, headers)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17::jsonb)
       ON CONFLICT (id) DO NOTHING`,
      letter.id,
      letter.deadLetterTopic,
      letter.partition,
      letter.offset,
      letter.originalTopic,
      letter.originalPartition,
      letter.originalOffset,
      letter.consumerGroup,
      letter.error,
      letter.attempts,
      letter.failedAt,
      letter.eventId,
      letter.eventType,
      letter.orderId,
      letter.key,
      letter.value,
      JSON.stringify(letter.headers),
    );
    return inserted > 0;
  }

  async recordReplay(replay: {
    deadLetterId: string;
    replayedBy: string;
    replayedAt: Date;
    targetTopic: string;
  }): Promise<void> {
    await this.tx.execute(
      `INSERT INTO dead_letter_replay (dead_letter_id, replayed_by, replayed_at, target_topic) VALUES ($1, $2, $3, $4)`,
      replay.deadLetterId,
      replay.replayedBy,
      replay.replayedAt,
      replay.targetTopic,
    );
  }
}
