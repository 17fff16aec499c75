import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { DEFAULT_PORTS, HOST, infraPorts, PORTS, REPO_ROOT, VERSIONS } from './config';
import { jaegerConfig } from './components/jaeger';
import { brokerConfig } from './components/kafka';

function endpointsIn(node: unknown, found: string[] = []): string[] {
  if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'endpoint' && typeof value === 'string') found.push(value);
      else endpointsIn(value, found);
    }
  }
  return found;
}

describe('native configs listen on loopback only', () => {
  it('Jaeger: every endpoint is bound to 127.0.0.1 and self-metrics are off', () => {
    const config = parse(jaegerConfig());
    const endpoints = endpointsIn(config);
    expect(endpoints.sort()).toEqual(
      [PORTS.jaegerOtlpGrpc, PORTS.jaegerOtlpHttp, PORTS.jaegerQuery, PORTS.jaegerQueryGrpc, PORTS.jaegerHealth]
        .map((port) => `${HOST}:${port}`)
        .sort(),
    );
    expect(config.service.telemetry.metrics.level).toBe('none');
    expect(config.service.extensions).toEqual(['jaeger_storage', 'jaeger_query', 'healthcheckv2']);
  });

  it('Kafka: listeners and the controller quorum are on 127.0.0.1', () => {
    const props = Object.fromEntries(
      brokerConfig()
        .split('\n')
        .filter(Boolean)
        .map((line) => line.split('=', 2) as [string, string]),
    );
    expect(props.listeners).toBe(`PLAINTEXT://${HOST}:${PORTS.kafka},CONTROLLER://${HOST}:${PORTS.kafkaController}`);
    expect(props['advertised.listeners']).toBe(`PLAINTEXT://${HOST}:${PORTS.kafka}`);
    expect(props['controller.quorum.voters']).toBe(`1@${HOST}:${PORTS.kafkaController}`);
  });
});

describe('scripts/bootstrap.sh knows the native infra', () => {
  const script = readFileSync(join(REPO_ROOT, 'scripts', 'bootstrap.sh'), 'utf8');

  it('checks the same ports (a component whose port answers needs no packages)', () => {
    const declared = /declare -A INFRA_PORT=\(([^)]*)\)/.exec(script)?.[1] ?? '';
    const ports = Object.fromEntries([...declared.matchAll(/\[(\w+)\]=(\d+)/g)].map((m) => [m[1], Number(m[2])]));
    expect(ports).toEqual({
      postgres: DEFAULT_PORTS.postgres,
      redis: DEFAULT_PORTS.redis,
      kafka: DEFAULT_PORTS.kafka,
      jaeger: DEFAULT_PORTS.jaegerQuery,
    });
  });

  it('asks for the PostgreSQL major version the runner starts', () => {
    expect(/^POSTGRES_MAJOR=(\d+)$/m.exec(script)?.[1]).toBe(VERSIONS.postgres);
  });
});

describe('infraPorts', () => {
  it('keeps the dev ports without an offset', () => {
    expect(infraPorts(undefined)).toEqual(DEFAULT_PORTS);
  });

  it('shifts every port by SAGA_INFRA_PORT_OFFSET (a second instance beside the dev one)', () => {
    const shifted = infraPorts('200');
    expect(shifted.kafka).toBe(9292);
    expect(shifted.postgres).toBe(5633);
    expect(shifted.redis).toBe(6580);
  });

  it('refuses an offset that is not a small non-negative integer', () => {
    expect(() => infraPorts('-1')).toThrow(/SAGA_INFRA_PORT_OFFSET/);
    expect(() => infraPorts('abc')).toThrow(/SAGA_INFRA_PORT_OFFSET/);
  });
});
