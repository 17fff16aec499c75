import { Admin, AssignerProtocol, Kafka, logLevel, Producer } from 'kafkajs';
import { Envelope, findEventDefinition } from '@saga/contracts';

export interface InjectedRecord {
  topic: string;
  partition: number;
  offset: string;
}

/**
 * Publishes raw records onto the real topics (as a misbehaving or duplicating producer would) and
 * tells when the services' consumer groups have committed past a given record.
 */
export class EventInjector {
  private constructor(
    private readonly producer: Producer,
    private readonly admin: Admin,
    private readonly prefix: string,
  ) {}

  /** `topicPrefix`: the run's KAFKA_TOPIC_PREFIX; topics and consumer groups are both prefixed with it. */
  static async connect(opts: { brokers: string[]; topicPrefix?: string }): Promise<EventInjector> {
    const kafka = new Kafka({ clientId: 'saga-suite-injector', brokers: opts.brokers, logLevel: logLevel.NOTHING });
    const producer = kafka.producer({ allowAutoTopicCreation: false });
    const admin = kafka.admin();
    await Promise.all([producer.connect(), admin.connect()]);
    return new EventInjector(producer, admin, opts.topicPrefix ?? '');
  }

  /** The physical topic of a catalog topic in this run. */
  topic(name: string): string {
    return `${this.prefix}${name}`;
  }

  /** Publishes an envelope on its definition's topic (in this run), keyed like the services key it, with optional headers (e.g. traceparent). */
  async publishEnvelope(envelope: Envelope, headers?: Record<string, string>): Promise<InjectedRecord> {
    const definition = findEventDefinition(envelope.type, envelope.version);
    if (!definition) throw new Error(`unknown event ${envelope.type} v${envelope.version}`);
    return this.publishRaw({
      topic: this.topic(definition.topic),
      key: definition.keyOf(envelope as never),
      value: JSON.stringify(envelope),
      headers,
    });
  }

  async publishRaw(record: {
    topic: string;
    key: string | null;
    value: Buffer | string | null;
    headers?: Record<string, string>;
  }): Promise<InjectedRecord> {
    const [meta] = await this.producer.send({
      topic: record.topic,
      acks: -1,
      messages: [{ key: record.key, value: record.value, headers: record.headers }],
    });
    return { topic: record.topic, partition: meta.partition, offset: meta.baseOffset ?? meta.offset ?? '0' };
  }

  /**
   * Consumer groups (named `<prefix><service>`) of the given services that are subscribed to
   * the (physical) topic right now. Read from the group membership, so it needs the services running.
   */
  async subscribedGroups(services: string[], topic: string): Promise<string[]> {
    const candidates = await this.groupsOf(services);
    if (candidates.length === 0) return [];
    const described = await this.admin.describeGroups(candidates);
    return described.groups
      .filter((g) =>
        g.members.some((m) => AssignerProtocol.MemberMetadata.decode(m.memberMetadata)?.topics.includes(topic)),
      )
      .map((g) => g.groupId);
  }

  /** Member count of the live consumer group of each of the given services (`<service>`). */
  async groupMemberCounts(services: string[]): Promise<Map<string, number>> {
    const ids = await this.groupsOf(services);
    if (ids.length === 0) return new Map();
    const described = await this.admin.describeGroups(ids);
    return new Map(described.groups.map((g) => [g.groupId, g.members.length]));
  }

  /** Resolves once every subscribed group of `services` has committed an offset beyond `record`. */
  async waitUntilConsumed(
    record: InjectedRecord,
    services: string[],
    opts: { timeoutMs: number; minGroups?: number },
  ): Promise<string[]> {
    const deadline = Date.now() + opts.timeoutMs;
    let pending: string[] = [];
    for (;;) {
      const groups = await this.subscribedGroups(services, record.topic);
      pending = [];
      for (const groupId of groups) {
        const committed = await this.committedOffset(groupId, record.topic, record.partition);
        if (committed <= BigInt(record.offset)) pending.push(groupId);
      }
      if (groups.length >= (opts.minGroups ?? 1) && pending.length === 0) return groups;
      if (Date.now() > deadline) {
        throw new Error(
          `record ${record.topic}[${record.partition}]@${record.offset} not consumed in ${opts.timeoutMs} ms ` +
            `(subscribed groups: ${groups.join(', ') || 'none'}; still behind: ${pending.join(', ') || 'none'})`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  private async groupsOf(services: string[]): Promise<string[]> {
    const { groups } = await this.admin.listGroups();
    return groups.map((g) => g.groupId).filter((id) => services.some((s) => id === `${this.prefix}${s}`));
  }

  private async committedOffset(groupId: string, topic: string, partition: number): Promise<bigint> {
    const [entry] = await this.admin.fetchOffsets({ groupId, topics: [topic] });
    const found = entry?.partitions.find((p) => p.partition === partition);
    return BigInt(found?.offset ?? '-1');
  }

  async disconnect(): Promise<void> {
    await Promise.all([this.producer.disconnect(), this.admin.disconnect()]);
  }
}
