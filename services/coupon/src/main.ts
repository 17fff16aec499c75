import './tracing';
import { bootstrapService, createLogger, loadEnv } from '@saga/service-kit';
import { serviceRuntimeConfigFromEnv } from '@saga/service-runtime';
import { AppModule } from './app.module';
import { CouponEnv } from './infrastructure/config/env';

const env = loadEnv(CouponEnv);
const logger = createLogger({ service: 'coupon', level: env.LOG_LEVEL });
void bootstrapService({
  module: AppModule.forRoot(serviceRuntimeConfigFromEnv('coupon', env, { redis: { maxRetriesPerRequest: 2 } })),
  service: 'coupon',
  port: env.PORT,
  host: env.HOST,
  shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
  logger,
});
