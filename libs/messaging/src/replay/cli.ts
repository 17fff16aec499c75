import pino from 'pino';
import { createKafka } from '../kafka';
import { parseReplayArgs, USAGE } from './cli-args';
import { DeadLetterRecord } from './dead-letter-record';
import { ReplayEnv } from './env';
import { readDeadLetters } from './read-dead-letters';
import { replayDeadLetters } from './replay-dead-letters';

async function main(): Promise<void> {
  const args = parseReplayArgs(process.argv.slice(2));
  if (args.help) {
    console.log(USAGE);
    return;
  }
  const env = ReplayEnv.parse(process.env);
  const kafka = createKafka({ clientId: 'dlq-replay', brokers: env.KAFKA_BROKERS, logger: pino({ level: 'warn' }) });
  let total = 0;
  for (const topic of args.deadLetterTopics) {
    const records = await readDeadLetters(kafka, topic, args.filter);
    for (const record of records) console.log(JSON.stringify(summary(record, args.execute)));
    if (args.execute) await replayDeadLetters(kafka, records);
    total += records.length;
  }
  console.log(
    args.execute
      ? `replayed ${total} dead letter(s)`
      : `dry run: ${total} dead letter(s) would be replayed; add --execute to publish them`,
  );
}

function summary(record: DeadLetterRecord, executed: boolean) {
  return {
    action: executed ? 'replayed' : 'would-replay',
    from: `${record.deadLetterTopic}/${record.partition}/${record.offset}`,
    to: record.originalTopic,
    consumerGroup: record.consumerGroup,
    eventType: record.eventType,
    eventId: record.eventId,
    orderId: record.orderId,
    failedAt: record.failedAt?.toISOString() ?? null,
    attempts: record.attempts,
    error: record.error,
  };
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  console.error(USAGE);
  process.exitCode = 1;
});
