import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { OutboxCleaner, OutboxRelay, type PgSqlClient } from '@saga/outbox';
import type { Logger } from 'pino';
import type { ParticipantConfig } from '../config/participant-config';
import { LOGGER, OUTBOX_RELAY, PARTICIPANT_CONFIG, SQL_CLIENT } from '../tokens';

/** Starts the outbox relay and cleaner with the app; on shutdown (after consumers stopped) stops them and closes the pool. */
@Injectable()
export class OutboxRuntime implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly cleaner: OutboxCleaner;

  constructor(
    @Inject(OUTBOX_RELAY) private readonly relay: OutboxRelay,
    @Inject(SQL_CLIENT) private readonly sql: PgSqlClient,
    @Inject(PARTICIPANT_CONFIG) config: ParticipantConfig,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.cleaner = new OutboxCleaner({ db: sql, logger, retentionHours: config.outbox.retentionHours });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.relay.start();
    this.cleaner.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.cleaner.stop();
    await this.relay.stop();
    await this.sql.$disconnect();
  }
}
