import { KafkaContainer } from '@testcontainers/kafka';
import { PostgreSqlContainer } from '@testcontainers/postgresql';
import { RedisContainer } from '@testcontainers/redis';
import { GenericContainer, Wait } from 'testcontainers';
import type { Endpoints } from '../endpoint-model';

/**
 * Same images as docker-compose.yml. Containers live as long as the jest process; testcontainers' reaper
 * removes them afterwards.
 */
export async function startContainers(): Promise<Endpoints> {
  const [kafka, postgres, redis, jaeger] = await Promise.all([
    new KafkaContainer('confluentinc/cp-kafka:7.9.0').withKraft().start(),
    new PostgreSqlContainer('postgres:15-alpine')
      .withUsername('saga')
      .withPassword('saga')
      .withDatabase('postgres')
      .start(),
    new RedisContainer('redis:7-alpine').start(),
    new GenericContainer('jaegertracing/jaeger:2.11.0')
      .withExposedPorts(4318, 16686)
      .withWaitStrategy(Wait.forHttp('/api/services', 16686))
      .start(),
  ]);
  return {
    source: 'docker',
    kafkaBrokers: [`${kafka.getHost()}:${kafka.getMappedPort(9093)}`],
    postgresAdminUrl: postgres.getConnectionUri(),
    redisUrl: `redis://${redis.getHost()}:${redis.getMappedPort(6379)}`,
    otlpEndpoint: `http://${jaeger.getHost()}:${jaeger.getMappedPort(4318)}`,
    jaegerQueryUrl: `http://${jaeger.getHost()}:${jaeger.getMappedPort(16686)}`,
  };
}
