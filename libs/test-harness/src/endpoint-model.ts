/** Everything an integration test needs to reach the shared infrastructure. */
export interface Endpoints {
  source: EndpointSource;
  kafkaBrokers: string[];
  /** A role that may create databases; test databases are created through it. */
  postgresAdminUrl: string;
  redisUrl: string;
  /** OTLP over HTTP, e.g. http://127.0.0.1:4318 */
  otlpEndpoint: string;
  /** Jaeger query API / UI, e.g. http://127.0.0.1:16686 */
  jaegerQueryUrl: string;
}

export type EndpointSource = 'env' | 'docker' | 'native';

/** The env names resolveEndpoints reads and the jest global setup exports. */
export const ENDPOINT_ENV = {
  kafkaBrokers: 'KAFKA_BROKERS',
  postgresAdminUrl: 'POSTGRES_ADMIN_URL',
  redisUrl: 'REDIS_URL',
  otlpEndpoint: 'OTEL_EXPORTER_OTLP_ENDPOINT',
  jaegerQueryUrl: 'JAEGER_QUERY_URL',
} as const;

/** The fixed dev endpoints of the native runner (docs/internal-apis.md). */
export const NATIVE_ENDPOINTS: Omit<Endpoints, 'source'> = {
  kafkaBrokers: ['127.0.0.1:9092'],
  postgresAdminUrl: 'postgresql://saga:saga@127.0.0.1:5433/postgres',
  redisUrl: 'redis://127.0.0.1:6380',
  otlpEndpoint: 'http://127.0.0.1:4318',
  jaegerQueryUrl: 'http://127.0.0.1:16686',
};
