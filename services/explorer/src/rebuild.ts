import { createKafka } from '@saga/messaging';
import { PgSqlClient } from '@saga/outbox';
import { loadExplorerEnv } from './infrastructure/config/env';
import { rebuildProjection } from './interface/cli/rebuild-projection';

/** `pnpm --filter @saga/explorer-service projection:rebuild` with the explorer stopped (README "Rebuilding"). */
async function main(): Promise<void> {
  const env = loadExplorerEnv();
  const sql = new PgSqlClient({ connectionString: env.DATABASE_URL, max: 1, applicationName: 'explorer-rebuild' });
  try {
    await rebuildProjection({
      kafka: createKafka({ clientId: 'explorer-rebuild', brokers: env.KAFKA_BROKERS }),
      sql,
      service: 'explorer',
      topicPrefix: env.KAFKA_TOPIC_PREFIX,
      log: (message) => console.log(message),
    });
  } finally {
    await sql.$disconnect();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
