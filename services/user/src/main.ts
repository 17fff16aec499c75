import './tracing';
import { serviceRuntimeConfigFromEnv } from '@saga/service-runtime';
import { bootstrapService, createLogger } from '@saga/service-kit';
import { AppModule } from './app.module';
import { loadUserEnv } from './infrastructure/config/env';

const env = loadUserEnv();
const logger = createLogger({ service: 'user', level: env.LOG_LEVEL });
void bootstrapService({
  module: AppModule.forRoot(serviceRuntimeConfigFromEnv('user', env)),
  service: 'user',
  port: env.PORT,
  host: env.HOST,
  shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
  logger,
});
