import {
  chooseEndpointSource,
  currentEndpoints,
  endpointsFromEnv,
  endpointsToEnv,
  NATIVE_ENDPOINTS,
} from './endpoints';

const explicit = {
  KAFKA_BROKERS: 'k1:9092, k2:9092',
  POSTGRES_ADMIN_URL: 'postgresql://u:p@pg:5432/postgres',
  REDIS_URL: 'redis://r:6379',
};
const dockerUsable = () => true;
const noDocker = () => false;

describe('chooseEndpointSource', () => {
  it('prefers explicit env endpoints over Docker and the native runner', () => {
    expect(chooseEndpointSource(explicit, dockerUsable)).toBe('env');
  });

  it('uses testcontainers when endpoints are incomplete and a Docker engine answers', () => {
    expect(chooseEndpointSource({ KAFKA_BROKERS: 'k:9092' }, dockerUsable)).toBe('docker');
  });

  it('falls back to the native runner without a usable Docker engine', () => {
    expect(chooseEndpointSource({}, noDocker)).toBe('native');
  });

  it('does not ask Docker when env endpoints decide', () => {
    const probe = jest.fn(() => true);
    chooseEndpointSource(explicit, probe);
    expect(probe).not.toHaveBeenCalled();
  });

  it.each(['env', 'docker', 'native'] as const)('honours SAGA_TEST_INFRA=%s', (forced) => {
    expect(chooseEndpointSource({ ...explicit, SAGA_TEST_INFRA: forced }, noDocker)).toBe(forced);
  });

  it('ignores an unknown SAGA_TEST_INFRA value', () => {
    expect(chooseEndpointSource({ SAGA_TEST_INFRA: 'cloud' }, noDocker)).toBe('native');
  });
});

describe('endpointsFromEnv', () => {
  it('splits brokers and defaults the tracing endpoints', () => {
    expect(endpointsFromEnv(explicit)).toEqual({
      source: 'env',
      kafkaBrokers: ['k1:9092', 'k2:9092'],
      postgresAdminUrl: explicit.POSTGRES_ADMIN_URL,
      redisUrl: explicit.REDIS_URL,
      otlpEndpoint: NATIVE_ENDPOINTS.otlpEndpoint,
      jaegerQueryUrl: NATIVE_ENDPOINTS.jaegerQueryUrl,
    });
  });

  it('names the missing variable', () => {
    expect(() => endpointsFromEnv({ ...explicit, REDIS_URL: undefined })).toThrow('REDIS_URL');
  });
});

describe('endpointsToEnv', () => {
  it('round-trips through the env so test workers see what the global setup resolved', () => {
    const resolved = { ...NATIVE_ENDPOINTS, source: 'docker' as const, kafkaBrokers: ['h:1', 'h:2'] };
    const env = endpointsToEnv(resolved);
    expect(currentEndpoints(env)).toEqual({ ...resolved, source: 'env' });
  });

  it('falls back to the fixed dev endpoints when nothing was exported', () => {
    expect(currentEndpoints({})).toEqual({ source: 'native', ...NATIVE_ENDPOINTS });
  });
});
