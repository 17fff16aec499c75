import { parseArgs } from 'node:util';
import { deadLetterTopicOf, isDeadLetterTopic, TOPIC_CATALOG } from '@saga/contracts';
import { DeadLetterFilter } from './dead-letter-record';

export const USAGE = `Usage: pnpm dlq:replay [options]
  Reads dead letters and prints what would be replayed (dry run). Nothing is published without --execute.

  --dlq <topic>             dead-letter topic to read (repeatable); default: every catalog DLQ topic
  --topic <topic>           only dead letters from this original topic (also selects its DLQ)
  --group <consumer-group>  only dead letters of this consumer group, e.g. product.ReserveStockOnOrderPlaced
  --type <EventType>        only this event type
  --order-id <id>           only this order
  --since <ISO time>        failed at or after
  --until <ISO time>        failed at or before
  --execute                 re-publish the matches to their original topics
  --help`;

export interface ReplayArgs {
  deadLetterTopics: string[];
  filter: DeadLetterFilter;
  execute: boolean;
  help: boolean;
}

export function parseReplayArgs(argv: string[]): ReplayArgs {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      dlq: { type: 'string', multiple: true },
      topic: { type: 'string' },
      group: { type: 'string' },
      type: { type: 'string' },
      'order-id': { type: 'string' },
      since: { type: 'string' },
      until: { type: 'string' },
      execute: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  const filter: DeadLetterFilter = {
    originalTopic: values.topic,
    consumerGroup: values.group,
    eventType: values.type,
    orderId: values['order-id'],
    since: values.since === undefined ? undefined : parseTime('--since', values.since),
    until: values.until === undefined ? undefined : parseTime('--until', values.until),
  };
  const deadLetterTopics =
    values.dlq ??
    (values.topic
      ? [deadLetterTopicOf(values.topic)]
      : TOPIC_CATALOG.filter((spec) => spec.deadLetter).map((spec) => spec.name));
  for (const topic of deadLetterTopics) {
    if (!isDeadLetterTopic(topic)) throw new Error(`${topic} is not a dead-letter topic`);
  }
  return { deadLetterTopics, filter, execute: values.execute ?? false, help: values.help ?? false };
}

function parseTime(flag: string, value: string): Date {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new Error(`${flag}: "${value}" is not a date/time`);
  return date;
}
