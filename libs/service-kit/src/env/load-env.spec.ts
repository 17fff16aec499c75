import { z } from 'zod';
import { BaseEnv, DEV_JWT_SECRET, envPort } from './base-env';
import { EnvValidationError, loadEnv, parseEnv } from './load-env';

describe('BaseEnv / parseEnv', () => {
  it('applies the documented dev defaults to an empty env', () => {
    const env = parseEnv(BaseEnv, {});
    expect(env).toMatchObject({
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      KAFKA_BROKERS: ['127.0.0.1:9092'],
      REDIS_URL: 'redis://127.0.0.1:6380',
      AUTH_JWT_SECRET: DEV_JWT_SECRET,
      TRACING_ENABLED: true,
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318',
      OUTBOX_NOTIFY: true,
    });
  });

  it("reads booleans from 'true'/'false' strings ('false' is false, unlike z.coerce.boolean)", () => {
    expect(parseEnv(BaseEnv, { TRACING_ENABLED: 'false', OUTBOX_NOTIFY: 'TRUE' })).toMatchObject({
      TRACING_ENABLED: false,
      OUTBOX_NOTIFY: true,
    });
  });

  it('splits KAFKA_BROKERS and coerces numbers', () => {
    const env = parseEnv(BaseEnv, { KAFKA_BROKERS: 'a:1, b:2', OUTBOX_BATCH_SIZE: '25' });
    expect(env.KAFKA_BROKERS).toEqual(['a:1', 'b:2']);
    expect(env.OUTBOX_BATCH_SIZE).toBe(25);
  });

  it('treats empty strings as unset', () => {
    expect(parseEnv(BaseEnv, { LOG_LEVEL: '' }).LOG_LEVEL).toBe('info');
  });

  it('lists every problem with its variable name', () => {
    let caught: unknown;
    try {
      parseEnv(BaseEnv, { TRACING_ENABLED: 'yes', PORT: 'abc', KAFKA_BROKERS: 'nohostport' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(EnvValidationError);
    const paths = (caught as EnvValidationError).problems.map((p) => p.path).sort();
    expect(paths).toEqual(['KAFKA_BROKERS.0', 'PORT', 'TRACING_ENABLED']);
    expect((caught as Error).message).toContain('TRACING_ENABLED:');
  });

  it('refuses the dev JWT secret in production, also for extended schemas', () => {
    const ServiceEnv = BaseEnv.extend({ PORT: envPort(3001), EXTRA: z.string().default('x') });
    expect(() => parseEnv(ServiceEnv, { NODE_ENV: 'production' })).toThrow(/AUTH_JWT_SECRET/);
    expect(parseEnv(ServiceEnv, { NODE_ENV: 'production', AUTH_JWT_SECRET: 'a-real-secret-of-some-length' }).PORT).toBe(
      3001,
    );
  });

  it('loadEnv prints the problems and exits with 1', () => {
    const exit = jest.spyOn(process, 'exit').mockImplementation(((code?: number) => {
      throw new Error(`exit ${code}`);
    }) as never);
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(() => loadEnv(BaseEnv, { PORT: '0' })).toThrow('exit 1');
      expect(String(stderr.mock.calls[0]?.[0])).toMatch(/PORT: /);
    } finally {
      exit.mockRestore();
      stderr.mockRestore();
    }
  });
});
