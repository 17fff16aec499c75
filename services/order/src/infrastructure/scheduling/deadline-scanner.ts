import type { OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { Logger } from 'pino';
import { CancelExpiredOrdersUseCase } from '../../application/cancel-expired-orders/cancel-expired-orders.use-case';

/**
 * Runs the saga deadline periodically. Safe with N instances: each batch locks its rows with
 * FOR UPDATE SKIP LOCKED, so two scanners never cancel the same order. Starts with the app (after the
 * relay and consumers) and stops first on shutdown.
 */
export class DeadlineScanner implements OnApplicationBootstrap, OnModuleDestroy {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly cancelExpired: CancelExpiredOrdersUseCase,
    private readonly intervalMs: number,
    private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.stop();
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.tick(), this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** One scan: keeps taking batches while full ones come back. */
  tick(): Promise<void> {
    if (this.running) return this.running;
    this.running = this.drain()
      .catch((error: unknown) => this.logger.error({ err: error }, 'deadline scan failed'))
      .finally(() => (this.running = null));
    return this.running;
  }

  private async drain(): Promise<void> {
    for (;;) {
      const cancelled = await this.cancelExpired.execute();
      if (cancelled.length > 0)
        this.logger.warn({ orderIds: cancelled }, 'orders cancelled by the saga deadline (TIMEOUT)');
      if (cancelled.length === 0 || !this.timer) return;
    }
  }
}
