import './tracing';
import { bootstrapService, createLogger } from '@saga/service-kit';
import { AppModule } from './app.module';
import { loadUserEnv } from './infrastructure/config/env';
import { userConfigFromEnv } from './infrastructure/config/user-config';

const env = loadUserEnv();
const logger = createLogger({ service: 'user', level: env.LOG_LEVEL });
void bootstrapService({
  module: AppModule.forRoot(userConfigFromEnv(env)),
  service: 'user',
  port: env.PORT,
  host: env.HOST,
  shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
  logger,
});
