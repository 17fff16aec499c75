import './tracing';
import { serviceRuntimeConfigFromEnv } from '@saga/service-runtime';
import { bootstrapService, createLogger } from '@saga/service-kit';
import { AppModule } from './app.module';
import { loadExplorerEnv } from './infrastructure/config/env';

const env = loadExplorerEnv();
const logger = createLogger({ service: 'explorer', level: env.LOG_LEVEL });
void bootstrapService({
  module: AppModule.forRoot(
    { ...serviceRuntimeConfigFromEnv('explorer', env), traceMessages: env.TRACING_PROJECTION },
    {
      sagaTimeoutMs: env.SAGA_TIMEOUT_MS,
      jaegerUiUrl: env.JAEGER_UI_URL,
    },
  ),
  service: 'explorer',
  port: env.PORT,
  host: env.HOST,
  shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
  logger,
});
