import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase } from '@saga/test-harness';
import { SagaApi, ServiceName, ServiceUrls } from './api-client';
import { redisUrlWithDatabase, suiteConfig } from './config';
import { ServiceProcess } from './service-process';
import { waitFor } from './wait';

const repoRoot = join(__dirname, '..', '..');
export const SERVICES: readonly ServiceName[] = ['order', 'product', 'coupon', 'user'];

export interface PlatformOptions {
  /** The order deadline; short in the failure suite so stuck sagas cancel quickly. */
  sagaTimeoutMs: number;
  /** Ports for this run, away from the dev ports so a running dev stack does not collide. */
  basePort: number;
  /** The suite's own Redis logical database. */
  redisDatabase: number;
}

/**
 * All four services as real processes, each on a fresh database created from its own migrations,
 * against the shared Kafka and the suite's own Redis database.
 */
export class Platform {
  private constructor(
    readonly api: SagaApi,
    readonly redisUrl: string,
    readonly logDir: string,
    private readonly processes: Map<ServiceName, ServiceProcess>,
    private readonly dropDatabases: () => Promise<void>,
  ) {}

  static async start(opts: PlatformOptions): Promise<Platform> {
    const logDir = mkdtempSync(join(tmpdir(), 'saga-suite-'));
    const redisUrl = redisUrlWithDatabase(suiteConfig.redisUrl, opts.redisDatabase);
    const databases = await Promise.all(
      SERVICES.map((s) => createTestDatabase(join(repoRoot, 'services', s, 'prisma', 'migrations'))),
    );
    const urls = {} as ServiceUrls;
    const processes = new Map<ServiceName, ServiceProcess>();
    SERVICES.forEach((service, i) => {
      const port = opts.basePort + i + 1;
      urls[service] = `http://127.0.0.1:${port}`;
      const env: Record<string, string> = {
        NODE_ENV: 'test',
        LOG_LEVEL: 'warn',
        PORT: String(port),
        DATABASE_URL: databases[i].url,
        KAFKA_BROKERS: suiteConfig.kafkaBrokers.join(','),
        REDIS_URL: redisUrl,
        AUTH_JWT_SECRET: suiteConfig.jwtSecret,
        TRACING_ENABLED: 'false',
        SAGA_TIMEOUT_MS: String(opts.sagaTimeoutMs),
      };
      processes.set(service, new ServiceProcess(service, env, join(logDir, `${service}.log`)));
    });
    const api = new SagaApi(urls, suiteConfig.jwtSecret);
    const platform = new Platform(api, redisUrl, logDir, processes, async () => {
      await Promise.all(databases.map((db) => db.drop()));
    });
    try {
      for (const service of SERVICES) processes.get(service)!.start();
      await Promise.all(SERVICES.map((s) => platform.waitReady(s)));
    } catch (error) {
      await platform.stop();
      throw new Error(`${(error as Error).message} (service logs in ${logDir})`);
    }
    return platform;
  }

  process(service: ServiceName): ServiceProcess {
    return this.processes.get(service)!;
  }

  async kill(service: ServiceName): Promise<void> {
    await this.process(service).stop('SIGKILL');
  }

  async restart(service: ServiceName): Promise<void> {
    const proc = this.process(service);
    if (proc.running) await proc.stop('SIGTERM');
    proc.start();
    await this.waitReady(service);
  }

  async waitReady(service: ServiceName): Promise<void> {
    const proc = this.process(service);
    await waitFor(
      `${service} /health/ready (log ${proc.logPath})`,
      async () => {
        if (!proc.running) throw new Error(`${service} exited; see ${proc.logPath}`);
        return this.api.isReady(service);
      },
      (ready) => ready,
      { timeoutMs: 90000, intervalMs: 300 },
    );
  }

  async stop(): Promise<void> {
    await Promise.all(SERVICES.map((s) => this.process(s).stop('SIGTERM')));
    await this.dropDatabases();
  }
}
