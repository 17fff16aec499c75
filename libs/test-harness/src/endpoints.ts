import { execFile } from 'node:child_process';
import { ENDPOINT_ENV, NATIVE_ENDPOINTS, type EndpointSource, type Endpoints } from './endpoint-model';

export * from './endpoint-model';

type Env = Record<string, string | undefined>;

/**
 * Explicit endpoints win (CI or a developer pointing at their own infra); then a usable Docker engine
 * (testcontainers); then the native runner. SAGA_TEST_INFRA=env|docker|native forces a choice.
 */
export function chooseEndpointSource(env: Env, dockerEngineUsable: () => boolean): EndpointSource {
  const forced = env.SAGA_TEST_INFRA;
  if (forced === 'env' || forced === 'docker' || forced === 'native') return forced;
  if (env[ENDPOINT_ENV.kafkaBrokers] && env[ENDPOINT_ENV.postgresAdminUrl] && env[ENDPOINT_ENV.redisUrl]) return 'env';
  return dockerEngineUsable() ? 'docker' : 'native';
}

/** Endpoints from env; the tracing ones fall back to the dev defaults when not given. */
export function endpointsFromEnv(env: Env): Endpoints {
  const required = (name: string) => {
    const value = env[name];
    if (!value) throw new Error(`${name} must be set when SAGA_TEST_INFRA=env`);
    return value;
  };
  return {
    source: 'env',
    kafkaBrokers: required(ENDPOINT_ENV.kafkaBrokers)
      .split(',')
      .map((b) => b.trim()),
    postgresAdminUrl: required(ENDPOINT_ENV.postgresAdminUrl),
    redisUrl: required(ENDPOINT_ENV.redisUrl),
    otlpEndpoint: env[ENDPOINT_ENV.otlpEndpoint] || NATIVE_ENDPOINTS.otlpEndpoint,
    jaegerQueryUrl: env[ENDPOINT_ENV.jaegerQueryUrl] || NATIVE_ENDPOINTS.jaegerQueryUrl,
  };
}

export function endpointsToEnv(endpoints: Endpoints): Record<string, string> {
  return {
    [ENDPOINT_ENV.kafkaBrokers]: endpoints.kafkaBrokers.join(','),
    [ENDPOINT_ENV.postgresAdminUrl]: endpoints.postgresAdminUrl,
    [ENDPOINT_ENV.redisUrl]: endpoints.redisUrl,
    [ENDPOINT_ENV.otlpEndpoint]: endpoints.otlpEndpoint,
    [ENDPOINT_ENV.jaegerQueryUrl]: endpoints.jaegerQueryUrl,
    SAGA_TEST_INFRA: 'env',
  };
}

/** Reads the endpoints another process (the jest global setup) already resolved. */
export function currentEndpoints(env: Env = process.env): Endpoints {
  return chooseEndpointSource(env, () => false) === 'env'
    ? endpointsFromEnv(env)
    : { source: 'native', ...NATIVE_ENDPOINTS };
}

export function isDockerEngineUsable(): Promise<boolean> {
  return new Promise((resolve) => {
    execFile('docker', ['info', '--format', '{{.ServerVersion}}'], { timeout: 10_000 }, (error) => resolve(!error));
  });
}

export async function resolveEndpoints(env: Env = process.env): Promise<Endpoints> {
  const dockerUsable = env.SAGA_TEST_INFRA ? false : await isDockerEngineUsable();
  switch (chooseEndpointSource(env, () => dockerUsable)) {
    case 'env':
      return endpointsFromEnv(env);
    case 'docker':
      return (await import('./infra/testcontainers')).startContainers();
    case 'native':
      return (await import('./infra/native')).startNativeInfra();
  }
}
