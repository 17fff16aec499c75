import './tracing';
import { bootstrapService, createLogger } from '@saga/service-kit';
import { AppModule } from './app.module';
import { loadOrderEnv } from './infrastructure/config/env';
import { OrderContext, SERVICE } from './order-context';

const env = loadOrderEnv();
const logger = createLogger({ service: SERVICE, level: env.LOG_LEVEL });
const context = new OrderContext({ env, logger, topicPrefix: env.KAFKA_TOPIC_PREFIX || undefined });

void bootstrapService({
  module: AppModule.forContext(context, env.AUTH_JWT_SECRET),
  service: SERVICE,
  port: env.PORT,
  host: env.HOST,
  shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
  logger,
});
