import './tracing';
import { serviceRuntimeConfigFromEnv } from '@saga/service-runtime';
import { bootstrapService, createLogger } from '@saga/service-kit';
import { AppModule } from './app.module';
import { loadOrderEnv } from './infrastructure/config/env';

const SERVICE = 'order';
const env = loadOrderEnv();
const logger = createLogger({ service: SERVICE, level: env.LOG_LEVEL });

void bootstrapService({
  module: AppModule.forRoot(serviceRuntimeConfigFromEnv(SERVICE, env, { redis: true }), { env }),
  service: SERVICE,
  port: env.PORT,
  host: env.HOST,
  shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
  logger,
});
