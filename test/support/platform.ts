import { join } from 'node:path';
import { serviceList } from '@saga/contracts';
import { createTestDatabase, freePort, spawnService, SpawnedService, TestDatabase } from '@saga/test-harness';
import { SagaApi, ServiceName, ServiceUrls } from './api-client';
import { SUITE_JWT_SECRET, suiteRedisUrl } from './config';

const repoRoot = join(__dirname, '..', '..');
/** The services of the checkout saga, from services.json (the one list of services). */
export const SERVICES: readonly ServiceName[] = serviceList()
  .filter((s) => s.saga)
  .map((s) => s.name);

export interface PlatformOptions {
  /** The order deadline; short in the failure suite so stuck sagas cancel quickly. */
  sagaTimeoutMs: number;
  /** The suite's own Redis logical database. */
  redisDatabase: number;
  /** KAFKA_TOPIC_PREFIX: the run's own topics and consumer groups. */
  topicPrefix: string;
}

/**
 * All four services as real processes (built dist), each on a fresh database created from its own
 * migrations, on the run's own topics of the shared Kafka and the suite's own Redis database. A service can be SIGKILLed
 * and started again with the same environment (same port, same database).
 */
export class Platform {
  private constructor(
    readonly api: SagaApi,
    readonly redisUrl: string,
    private readonly envs: Map<ServiceName, Record<string, string>>,
    private readonly running: Map<ServiceName, SpawnedService>,
    private readonly databases: TestDatabase[],
  ) {}

  static async start(opts: PlatformOptions): Promise<Platform> {
    const redisUrl = suiteRedisUrl(opts.redisDatabase);
    const databases = await Promise.all(
      SERVICES.map((s) => createTestDatabase(join(repoRoot, 'services', s, 'prisma', 'migrations'))),
    );
    const urls: ServiceUrls = {};
    const envs = new Map<ServiceName, Record<string, string>>();
    for (const [i, service] of SERVICES.entries()) {
      const port = await freePort();
      urls[service] = `http://127.0.0.1:${port}`;
      envs.set(service, {
        PORT: String(port),
        DATABASE_URL: databases[i].url,
        REDIS_URL: redisUrl,
        AUTH_JWT_SECRET: SUITE_JWT_SECRET,
        TRACING_ENABLED: 'false',
        SAGA_TIMEOUT_MS: String(opts.sagaTimeoutMs),
        KAFKA_TOPIC_PREFIX: opts.topicPrefix,
      });
    }
    const platform = new Platform(new SagaApi(urls, SUITE_JWT_SECRET), redisUrl, envs, new Map(), databases);
    try {
      // One at a time: four Nest apps booting at once on two cores make each one slower to be ready.
      for (const service of SERVICES) await platform.startService(service);
    } catch (error) {
      await platform.stop();
      throw error;
    }
    return platform;
  }

  service(name: ServiceName): SpawnedService {
    const running = this.running.get(name);
    if (!running) throw new Error(`${name} is not running`);
    return running;
  }

  /** A crash: SIGKILL, no graceful shutdown, in-flight work and uncommitted offsets are lost. */
  async kill(name: ServiceName): Promise<void> {
    await this.service(name).kill();
    this.running.delete(name);
  }

  async startService(name: ServiceName): Promise<void> {
    if (this.running.has(name)) throw new Error(`${name} is already running`);
    this.running.set(name, await spawnService(name, this.envs.get(name)!, { readyTimeoutMs: 120_000 }));
  }

  /** Log files of the running services, for failure messages. */
  logFiles(): string[] {
    return [...this.running.values()].map((s) => s.logFile);
  }

  async stop(): Promise<void> {
    await Promise.all([...this.running.values()].map((s) => s.stop()));
    this.running.clear();
    await Promise.all(this.databases.map((db) => db.drop()));
  }
}
