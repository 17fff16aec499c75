import './tracing';
import { bootstrapService, createLogger, loadEnv } from '@saga/service-kit';
import { AppModule } from './app.module';
import { CouponEnv } from './infrastructure/config/env';

const env = loadEnv(CouponEnv);
const logger = createLogger({ service: 'coupon', level: env.LOG_LEVEL });
void bootstrapService({
  module: AppModule.forRoot({ env, logger, topicPrefix: env.KAFKA_TOPIC_PREFIX || undefined }),
  service: 'coupon',
  port: env.PORT,
  host: env.HOST,
  shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
  logger,
});
