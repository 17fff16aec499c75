import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import type { Admin, Kafka } from 'kafkajs';
import { KAFKA } from '../tokens';

/**
 * Readiness probe for Kafka: one lazily connected admin client, reconnected after a failure, asking for
 * the cluster's brokers (a metadata request for no topic; see patches/kafkajs: unpatched kafkajs asks for
 * every topic of the cluster there).
 *
 * At most one probe is in flight: callers that arrive while one runs share its answer. A broker answers
 * the requests of one connection one after the other, and kafkajs keeps a request that the readiness
 * check stopped waiting for queued until its own 30 s request timeout; without sharing, a readiness
 * endpoint polled faster than the broker answered grew that queue without bound and every later check
 * timed out, long after the broker was fine again.
 */
@Injectable()
export class KafkaProbe implements OnApplicationShutdown {
  private readonly admin: Admin;
  private connected: Promise<void> | null = null;
  private inFlight: Promise<unknown> | null = null;

  constructor(@Inject(KAFKA) kafka: Kafka) {
    this.admin = kafka.admin();
  }

  describeCluster(): Promise<unknown> {
    this.inFlight ??= this.probe().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  private async probe(): Promise<unknown> {
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
