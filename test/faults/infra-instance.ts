import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Redis from 'ioredis';
import { infraPorts, type InfraPorts } from '../../infra/src/config';
import { REPO_ROOT, sleep } from './support';

export type InfraComponent = 'postgres' | 'redis' | 'kafka';
const COMPONENTS: InfraComponent[] = ['postgres', 'redis', 'kafka'];
const PG_BIN = '/usr/lib/postgresql/15/bin';

/**
 * The suite's own Kafka, PostgreSQL and Redis: the native infra runner with every port shifted by
 * SAGA_INFRA_PORT_OFFSET and its pids/data in a directory of its own, so faults never touch the shared dev
 * infrastructure. Jaeger is not started (services run with tracing off unless told otherwise).
 */
export class InfraInstance {
  readonly ports: InfraPorts;

  constructor(
    readonly portOffset: number,
    readonly localDir: string,
  ) {
    if (portOffset === 0) throw new Error('the fault suite never runs on the shared infra: give a port offset > 0');
    this.ports = infraPorts(String(portOffset));
  }

  get kafkaBrokers(): string {
    return `127.0.0.1:${this.ports.kafka}`;
  }
  get redisUrl(): string {
    return `redis://127.0.0.1:${this.ports.redis}`;
  }
  /** Base URL without a database (the bench appends `/<service>_db`). */
  get postgresUrl(): string {
    return `postgresql://saga:saga@127.0.0.1:${this.ports.postgres}`;
  }
  databaseUrl(database: string): string {
    return `${this.postgresUrl}/${database}`;
  }

  /** Stops leftovers of an earlier run in the same directory, wipes its data, starts fresh. */
  async freshUp(): Promise<void> {
    await this.runner('down').catch(() => undefined);
    for (const component of COMPONENTS) rmSync(join(this.localDir, component), { recursive: true, force: true });
    // A fresh broker on a busy machine sometimes has no group coordinator yet when the runner provisions it;
    // `up` is idempotent (healthy components are left alone), so provisioning is simply tried again.
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.up(COMPONENTS);
      } catch (error) {
        if (attempt === 3) throw error;
        await sleep(5_000);
      }
    }
  }

  up(components: readonly InfraComponent[]): Promise<void> {
    return this.runner('up', ...components);
  }

  down(): Promise<void> {
    return this.runner('down');
  }

  pid(component: InfraComponent): number | undefined {
    const file = join(this.localDir, 'pids', `${component}.pid`);
    if (!existsSync(file)) return undefined;
    const pid = Number(readFileSync(file, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  }

  async kill(component: 'kafka' | 'redis'): Promise<void> {
    const pid = this.pid(component);
    if (!pid) throw new Error(`no recorded pid for ${component} in ${this.localDir}`);
    process.kill(pid, 'SIGKILL');
    while (isAlive(pid)) await sleep(50);
    // A SIGKILLed redis leaves its pid file behind; the runner would read the stale pid after a restart.
    if (component === 'redis') rmSync(join(this.localDir, 'redis', 'redis.pid'), { force: true });
  }

  /** `pg_ctl stop -m immediate`: every backend dies at once, like a crash (recovery runs at the next start). */
  async stopPostgresImmediately(): Promise<void> {
    const pgCtl = join(PG_BIN, 'pg_ctl');
    const args = ['-D', join(this.localDir, 'postgres', 'data'), '-m', 'immediate', '-w', 'stop'];
    await exec(
      process.getuid?.() === 0 ? 'runuser' : pgCtl,
      process.getuid?.() === 0 ? ['-u', 'postgres', '--', pgCtl, ...args] : args,
    );
  }

  async flushRedis(): Promise<void> {
    const client = new Redis(this.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
    try {
      await client.connect();
      await client.flushall();
    } finally {
      client.disconnect();
    }
  }

  private runner(...args: string[]): Promise<void> {
    const tsx = join(REPO_ROOT, 'node_modules', '.bin', 'tsx');
    return exec(tsx, ['--tsconfig', 'infra/tsconfig.run.json', 'infra/src/cli.ts', ...args], {
      SAGA_INFRA_PORT_OFFSET: String(this.portOffset),
      SAGA_LOCAL_DIR: this.localDir,
      SAGA_INFRA_MODE: 'native',
    });
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function exec(command: string, args: string[], env: Record<string, string> = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: REPO_ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`${command} ${args.join(' ')} exited ${code}:\n${output.slice(-3000)}`)),
    );
  });
}
