import { DynamicModule, INestApplication, Injectable, Module, OnApplicationShutdown, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import express from 'express';
import type { NextFunction, Request, Response } from 'express';
import { Logger } from 'pino';
import { shutdownTelemetry } from '@saga/telemetry';
import { mapErrorToHttp } from './http/error-mapping';
import { HttpExceptionFilter } from './http/exception-filter';
import { traceparentMiddleware } from './http/traceparent.middleware';
import { PinoNestLogger } from './logging/nest-logger';
import { mountMetrics } from './metrics/metrics-endpoint';

export interface BootstrapOptions {
  module: Type<unknown> | DynamicModule;
  service: string;
  port: number;
  logger: Logger;
  /** Interface to bind; pass `env.HOST` (127.0.0.1 by default, 0.0.0.0 in containers). */
  host?: string;
  /** Max JSON body size (body-parser syntax). */
  bodyLimit?: string;
  /** Pass `env.SHUTDOWN_TIMEOUT_MS`: how long SIGTERM/SIGINT may take before the process exits anyway. */
  shutdownTimeoutMs?: number;
}

/** Runs last on shutdown, after consumers/relays stopped and the HTTP server closed, so their final spans are exported. */
@Injectable()
class TelemetryFlushOnShutdown implements OnApplicationShutdown {
  async onApplicationShutdown(): Promise<void> {
    await shutdownTelemetry();
  }
}

function withServiceRoot(module: Type<unknown> | DynamicModule): Type<unknown> {
  @Module({ imports: [module], providers: [TelemetryFlushOnShutdown] })
  class ServiceRootModule {}
  return ServiceRootModule;
}

/** Builds the app with the shared HTTP conventions, without listening (used by tests and by bootstrapService). */
export async function createServiceApp(opts: Omit<BootstrapOptions, 'port' | 'host'>): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(withServiceRoot(opts.module), {
    logger: new PinoNestLogger(opts.logger.child({ component: 'nest' })),
    bodyParser: false,
  });
  configureServiceApp(app, opts);
  return app;
}

/** Applies the conventions to an app created elsewhere (e.g. from @nestjs/testing). */
export function configureServiceApp(
  app: INestApplication,
  opts: { logger: Logger; bodyLimit?: string; service?: string },
): void {
  // first, so the request duration covers body parsing and every other middleware
  mountMetrics(app, opts.service ?? 'unknown');
  app.use(traceparentMiddleware);
  app.use(express.json({ limit: opts.bodyLimit ?? '256kb' }));
  // body-parser errors happen before Nest's router, so they are answered here in the same JSON shape.
  app.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    const mapped = mapErrorToHttp(error);
    if (mapped.unexpected) opts.logger.error({ err: error }, 'request body handling failed');
    res.status(mapped.status).json(mapped.body);
  });
  app.useGlobalFilters(new HttpExceptionFilter(opts.logger));
  // SIGTERM/SIGINT: Nest runs onModuleDestroy/beforeApplicationShutdown (consumers, relays stop),
  // closes the HTTP server, then onApplicationShutdown.
  app.enableShutdownHooks();
}

export async function bootstrapService(opts: BootstrapOptions): Promise<INestApplication> {
  const app = await createServiceApp(opts);
  const host = opts.host ?? '127.0.0.1';
  await app.listen(opts.port, host);
  exitIfShutdownHangs(opts.logger, opts.shutdownTimeoutMs ?? 15_000);
  opts.logger.info({ port: opts.port, host }, `${opts.service} listening`);
  return app;
}

/**
 * A consumer stuck in a rebalance or a long handler must not keep a stopping instance alive forever (an
 * orchestrator would SIGKILL it anyway). Exiting is safe: offsets are committed only after work is done,
 * and the inbox absorbs the redelivery.
 */
function exitIfShutdownHangs(logger: Logger, timeoutMs: number): void {
  const arm = (signal: string) => {
    setTimeout(() => {
      logger.error({ signal, timeoutMs }, 'graceful shutdown timed out; exiting');
      process.exit(1);
    }, timeoutMs).unref();
  };
  process.once('SIGTERM', () => arm('SIGTERM'));
  process.once('SIGINT', () => arm('SIGINT'));
}
