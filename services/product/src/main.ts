import './tracing';
import { serviceRuntimeConfigFromEnv } from '@saga/service-runtime';
import { bootstrapService, createLogger } from '@saga/service-kit';
import { AppModule } from './app.module';
import { loadProductEnv } from './infrastructure/config/env';

const env = loadProductEnv();
const logger = createLogger({ service: 'product', level: env.LOG_LEVEL });
void bootstrapService({
  module: AppModule.forRoot(serviceRuntimeConfigFromEnv('product', env)),
  service: 'product',
  port: env.PORT,
  host: env.HOST,
  shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
  logger,
});
