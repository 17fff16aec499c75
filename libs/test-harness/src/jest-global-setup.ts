import { endpointsToEnv, resolveEndpoints } from './endpoints';
import { ensureCatalogTopics } from './kafka';

/**
 * Jest integration project global setup: resolves the infrastructure once (env → Docker → native runner) and
 * exports it to process.env, which the test workers inherit.
 */
export default async function globalSetup(): Promise<void> {
  const endpoints = await resolveEndpoints();
  await ensureCatalogTopics(endpoints.kafkaBrokers);
  Object.assign(process.env, endpointsToEnv(endpoints), { KAFKAJS_NO_PARTITIONER_WARNING: '1' });
  process.stderr.write(`\ntest infrastructure: ${endpoints.source} (kafka ${endpoints.kafkaBrokers.join(',')})\n`);
}
