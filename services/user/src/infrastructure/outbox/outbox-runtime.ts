import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { OutboxCleaner, OutboxRelay } from '@saga/outbox';
import type { Logger } from 'pino';
import { USER_CONFIG, type UserConfig } from '../config/user-config';
import type { UserSqlClient } from '../prisma/sql-client';
import { LOGGER, OUTBOX_RELAY, PRISMA } from '../tokens';

/** Starts the outbox relay and cleaner with the app; on shutdown (after consumers stopped) stops them and closes the pool. */
@Injectable()
export class OutboxRuntime implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly cleaner: OutboxCleaner;

  constructor(
    @Inject(OUTBOX_RELAY) private readonly relay: OutboxRelay,
    @Inject(PRISMA) private readonly prisma: UserSqlClient,
    @Inject(USER_CONFIG) config: UserConfig,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.cleaner = new OutboxCleaner({ db: prisma, logger, retentionHours: config.outbox.retentionHours });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.relay.start();
    this.cleaner.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.cleaner.stop();
    await this.relay.stop();
    await this.prisma.$disconnect();
  }
}
