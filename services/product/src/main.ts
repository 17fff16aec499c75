import './tracing';
import { bootstrapService, createLogger } from '@saga/service-kit';
import { AppModule } from './app.module';
import { loadProductEnv } from './infrastructure/config/env';
import { productConfigFromEnv } from './infrastructure/config/product-config';

const env = loadProductEnv();
const logger = createLogger({ service: 'product', level: env.LOG_LEVEL });
void bootstrapService({
  module: AppModule.forRoot(productConfigFromEnv(env)),
  service: 'product',
  port: env.PORT,
  host: env.HOST,
  shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
  logger,
});
