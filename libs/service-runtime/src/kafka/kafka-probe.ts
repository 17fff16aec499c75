import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import type { Admin, Kafka } from 'kafkajs';
import { KAFKA } from '../tokens';

/**
 * Readiness probe for Kafka: one lazily connected admin client, reconnected after a failure. It asks for
 * the cluster's brokers, not the topic list: listing every topic's metadata grows with the broker's topic
 * count and timed out the readiness check on a broker with thousands of topics.
 */
@Injectable()
export class KafkaProbe implements OnApplicationShutdown {
  private readonly admin: Admin;
  private connected: Promise<void> | null = null;

  constructor(@Inject(KAFKA) kafka: Kafka) {
    this.admin = kafka.admin();
  }

  async describeCluster(): Promise<unknown> {
    try {
      this.connected ??= this.admin.connect();
      await this.connected;
      return await this.admin.describeCluster();
    } catch (error) {
      this.connected = null;
      throw error;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.connected) await this.admin.disconnect().catch(() => undefined);
  }
}
