import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { DEV_ENV, PORTS, POSTGRES, REPO_ROOT, SERVICES, VERSIONS } from './config';
import { brokerConfig } from './components/kafka';

/** docker-compose.yml must offer what the native runner offers: same host ports, env names, databases, topics. */
interface ComposeService {
  image?: string;
  command?: string[];
  ports?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
}
const compose = parse(readFileSync(join(REPO_ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, ComposeService>;
};
const services = compose.services;

function published(service: string): { host: string; hostPort: number; containerPort: number }[] {
  return (services[service].ports ?? []).map((spec) => {
    const [host, hostPort, containerPort] = spec.split(':');
    return { host, hostPort: Number(hostPort), containerPort: Number(containerPort) };
  });
}
const hostPortsOf = (service: string) => published(service).map((p) => p.hostPort);

describe('docker-compose.yml matches the native runner', () => {
  it('publishes every port on loopback only', () => {
    for (const name of Object.keys(services)) {
      for (const port of published(name)) expect({ name, host: port.host }).toEqual({ name, host: '127.0.0.1' });
    }
  });

  it('uses the native host ports for the infrastructure', () => {
    expect(hostPortsOf('kafka')).toEqual([PORTS.kafka]);
    expect(hostPortsOf('postgres')).toEqual([PORTS.postgres]);
    expect(hostPortsOf('redis')).toEqual([PORTS.redis]);
    expect(hostPortsOf('jaeger').sort()).toEqual(
      [PORTS.jaegerOtlpGrpc, PORTS.jaegerOtlpHttp, PORTS.jaegerQuery].sort(),
    );
  });

  it('advertises Kafka to host clients at the native broker address', () => {
    expect(services.kafka.environment?.KAFKA_ADVERTISED_LISTENERS).toContain(`//${DEV_ENV.KAFKA_BROKERS}`);
  });

  it('runs the same major versions', () => {
    expect(services.kafka.image).toBe(`apache/kafka:${VERSIONS.kafka}`);
    expect(services.postgres.image).toMatch(new RegExp(`^postgres:${VERSIONS.postgres}[.-]`));
    expect(services.redis.image).toMatch(new RegExp(`^redis:${VERSIONS.redis}[.-]`));
    expect(services.jaeger.image).toMatch(/^jaegertracing\/jaeger:2\./);
  });

  it('has the same topic auto-creation policy as the native broker', () => {
    const native = /auto\.create\.topics\.enable=(\w+)/.exec(brokerConfig())?.[1];
    expect(services.kafka.environment?.KAFKA_AUTO_CREATE_TOPICS_ENABLE).toBe(native);
  });

  it('creates the catalog topics with the infra CLI (one source: TOPIC_CATALOG)', () => {
    expect(services['kafka-init'].command).toEqual(['pnpm', 'infra', 'topics']);
    expect(services['kafka-init'].environment).toHaveProperty('KAFKA_BROKERS');
  });

  it('creates the same role and databases', () => {
    expect(services.postgres.environment).toMatchObject({
      POSTGRES_USER: POSTGRES.user,
      POSTGRES_PASSWORD: POSTGRES.password,
    });
    expect(services.postgres.volumes).toEqual([
      './infra/docker/create-databases.sh:/docker-entrypoint-initdb.d/10-create-databases.sh:ro',
      './services.json:/saga/services.json:ro',
    ]);
    // The init script as the image runs it, with a psql that records what it is given.
    const dir = mkdtempSync(join(tmpdir(), 'saga-initdb-'));
    const psql = join(dir, 'psql');
    writeFileSync(psql, `#!/bin/sh\ncat >> ${join(dir, 'sql')}\n`);
    chmodSync(psql, 0o755);
    execFileSync('sh', [join(REPO_ROOT, 'infra', 'docker', 'create-databases.sh')], {
      env: {
        PATH: `${dir}:${process.env.PATH}`,
        POSTGRES_USER: POSTGRES.user,
        SAGA_SERVICES_JSON: join(REPO_ROOT, 'services.json'),
      },
    });
    const sql = readFileSync(join(dir, 'sql'), 'utf8');
    const databases = [...sql.matchAll(/CREATE DATABASE (\w+) OWNER (\w+)/g)].map((m) => [m[1], m[2]]);
    expect(databases).toEqual(POSTGRES.databases.map((db) => [db, POSTGRES.user]));
  });

  it.each(SERVICES.map((s) => [s.name, s.port, s.database] as const))(
    'runs %s (services.json) on port %d with database %s and the shared env names',
    (name, port, database) => {
      const service = services[name];
      expect(service).toBeDefined();
      expect(published(name)).toEqual([{ host: '127.0.0.1', hostPort: port, containerPort: port }]);
      expect(service.environment?.PORT).toBe(String(port));
      expect(service.environment?.DATABASE_URL).toMatch(new RegExp(`/${database}$`));
      const sharedNames = Object.keys(DEV_ENV).filter(
        (env) => !['POSTGRES_ADMIN_URL', 'JAEGER_QUERY_URL'].includes(env),
      );
      for (const env of sharedNames) expect(service.environment).toHaveProperty(env);
    },
  );
});
