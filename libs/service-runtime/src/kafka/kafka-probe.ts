import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import type { Admin, Kafka } from 'kafkajs';
import { KAFKA } from '../tokens';

/** Readiness probe for Kafka: one lazily connected admin client, reconnected after a failure. */
@Injectable()
export class KafkaProbe implements OnApplicationShutdown {
  private readonly admin: Admin;
  private connected: Promise<void> | null = null;

  constructor(@Inject(KAFKA) kafka: Kafka) {
    this.admin = kafka.admin();
  }

  async listTopics(): Promise<string[]> {
    try {
      this.connected ??= this.admin.connect();
      await this.connected;
      return await this.admin.listTopics();
    } catch (error) {
      this.connected = null;
      throw error;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.connected) await this.admin.disconnect().catch(() => undefined);
  }
}
