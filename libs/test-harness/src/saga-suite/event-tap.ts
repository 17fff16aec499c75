import { randomUUID } from 'node:crypto';
import { Consumer, Kafka, logLevel } from 'kafkajs';
import { Envelope, TOPIC_CATALOG } from '@saga/contracts';

/** One record as it was on the wire, with its envelope when the value is one. */
export interface TappedRecord {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: Buffer | null;
  headers: Record<string, string>;
  envelope: Envelope | null;
}

/**
 * Records every record on every business and dead-letter topic (from the beginning, or from the moment
 * it is ready) in a throw-away consumer group, so a test can see exactly what the services published.
 */
export class EventTap {
  private readonly records: TappedRecord[] = [];
  private readonly injected = new Set<string>();

  private constructor(private readonly consumer: Consumer) {}

  /** `fromBeginning`: for a run's own (fresh) topics, so nothing published before the first fetch is missed. */
  static async start(opts: { brokers: string[]; topics?: string[]; fromBeginning?: boolean }): Promise<EventTap> {
    const kafka = new Kafka({ clientId: 'saga-suite-tap', brokers: opts.brokers, logLevel: logLevel.NOTHING });
    const consumer = kafka.consumer({ groupId: `saga-suite-tap-${randomUUID()}`, maxWaitTimeInMs: 100 });
    const tap = new EventTap(consumer);
    const topics = opts.topics ?? TOPIC_CATALOG.map((t) => t.name);
    await consumer.connect();
    await consumer.subscribe({ topics, fromBeginning: opts.fromBeginning ?? false });
    // "latest" is resolved at the first fetch; anything published before that would be missed.
    const fetched = new Promise<void>((resolve) => {
      const off = consumer.on(consumer.events.FETCH, () => {
        off();
        resolve();
      });
    });
    await consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        tap.records.push({
          topic,
          partition,
          offset: message.offset,
          key: message.key?.toString('utf8') ?? null,
          value: message.value,
          headers: stringHeaders(message.headers),
          envelope: envelopeOf(message.value),
        });
      },
    });
    await fetched;
    return tap;
  }

  /** Events a test put on the wire itself: not counted as something a service published. */
  markInjected(eventId: string): void {
    this.injected.add(eventId);
  }

  all(): readonly TappedRecord[] {
    return this.records;
  }

  forOrder(orderId: string): TappedRecord[] {
    return this.records.filter((r) => r.envelope?.orderId === orderId || r.key === orderId);
  }

  /**
   * Distinct envelopes (by eventId) of one type for one order that the services published: a redelivered
   * copy counts once, dead letters and injected events not at all.
   */
  eventsOf(orderId: string, type: string): Envelope[] {
    const byId = new Map<string, Envelope>();
    for (const r of this.forOrder(orderId)) {
      const e = r.envelope;
      if (e?.type === type && !r.topic.endsWith('.dlq') && !this.injected.has(e.eventId)) byId.set(e.eventId, e);
    }
    return [...byId.values()];
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect();
  }
}

function stringHeaders(headers: Record<string, unknown> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value === undefined) continue;
    out[name] = Buffer.isBuffer(value) ? value.toString('utf8') : String(value);
  }
  return out;
}

function envelopeOf(value: Buffer | null): Envelope | null {
  if (!value) return null;
  try {
    const json = JSON.parse(value.toString('utf8'));
    return json && typeof json === 'object' && typeof json.eventId === 'string' && typeof json.type === 'string'
      ? (json as Envelope)
      : null;
  } catch {
    return null;
  }
}
