import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '@saga/test-harness';
import { InfraInstance } from './infra-instance';
import { Log, now, REPO_ROOT, sleep } from './support';

export const SERVICES = ['order', 'product', 'coupon', 'user'] as const;
export type ServiceName = (typeof SERVICES)[number];

export interface ServiceInstance {
  readonly service: ServiceName;
  /** 1-based */
  readonly index: number;
  readonly port: number;
  readonly url: string;
  readonly name: string;
  pid?: number;
  child?: ChildProcess;
  /** The suite sent the signal that ends this process (a SIGKILL fault or the final stop). */
  exitExpected: boolean;
  frozen: boolean;
}

/** A process that exited without the suite causing it: the thing issue 12 says must never happen. */
export interface UnexpectedExit {
  instance: string;
  pid: number;
  at: number;
  code: number | null;
  signal: string | null;
  /** The suite restarted it after `restartAfterMs` (a manual intervention in production). */
  restartedAt?: number;
}

export interface FleetOptions {
  instances: 1 | 2;
  logDir: string;
  tracing: boolean;
  /** An instance that exited on its own is started again after this long, so later faults still run. */
  restartAfterMs: number;
  extraEnv?: Record<string, string>;
}

/** The four services as real processes (`node services/<svc>/dist/main.js`) on the suite's infra. */
export class Fleet {
  readonly instances: ServiceInstance[] = [];
  readonly unexpectedExits: UnexpectedExit[] = [];
  private stopping = false;

  constructor(
    private readonly infra: InfraInstance,
    private readonly options: FleetOptions,
    private readonly log: Log,
  ) {}

  async startAll(readyTimeoutMs = 120_000): Promise<void> {
    mkdirSync(this.options.logDir, { recursive: true });
    for (const service of SERVICES) {
      const entry = join(REPO_ROOT, 'services', service, 'dist', 'main.js');
      if (!existsSync(entry)) throw new Error(`${entry} not found: run \`pnpm build\` first`);
      for (let index = 1; index <= this.options.instances; index++) {
        const port = await freePort();
        this.instances.push({
          service,
          index,
          port,
          url: `http://127.0.0.1:${port}`,
          name: `${service}-${index}`,
          exitExpected: false,
          frozen: false,
        });
      }
    }
    // One at a time: eight cold Nest boots at once on two shared cores take longer than one after the other.
    for (const instance of this.instances) {
      this.start(instance);
      await this.waitReady(instance, readyTimeoutMs);
    }
  }

  of(service: ServiceName): ServiceInstance[] {
    return this.instances.filter((i) => i.service === service);
  }

  byPid(pid: number): ServiceInstance | undefined {
    return this.instances.find((i) => i.pid === pid);
  }

  start(instance: ServiceInstance): void {
    const fd = openSync(join(this.options.logDir, `${instance.name}.log`), 'a');
    const child = spawn(process.execPath, [join(REPO_ROOT, 'services', instance.service, 'dist', 'main.js')], {
      cwd: join(REPO_ROOT, 'services', instance.service),
      env: this.envOf(instance),
      // Its own process group: a Ctrl-C on the suite reaches the suite only, which then stops everything in order.
      detached: true,
      stdio: ['ignore', fd, fd],
    });
    closeSync(fd);
    instance.child = child;
    instance.pid = child.pid;
    instance.exitExpected = false;
    instance.frozen = false;
    const pid = child.pid ?? -1;
    child.on('exit', (code, signal) => this.onExit(instance, pid, code, signal));
  }

  /** SIGKILL, waits until the process is gone. */
  async kill(instance: ServiceInstance): Promise<void> {
    const child = instance.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    instance.exitExpected = true;
    const exited = new Promise((done) => child.once('exit', done));
    child.kill('SIGKILL');
    await exited;
  }

  freeze(instance: ServiceInstance): void {
    instance.frozen = true;
    instance.child?.kill('SIGSTOP');
  }

  thaw(instance: ServiceInstance): void {
    instance.frozen = false;
    instance.child?.kill('SIGCONT');
  }

  isRunning(instance: ServiceInstance): boolean {
    const child = instance.child;
    return !!child && child.exitCode === null && child.signalCode === null;
  }

  async isReady(instance: ServiceInstance): Promise<boolean> {
    if (!this.isRunning(instance) || instance.frozen) return false;
    return fetch(`${instance.url}/health/ready`, { signal: AbortSignal.timeout(2000) }).then(
      (response) => response.ok,
      () => false,
    );
  }

  async allReady(): Promise<boolean> {
    const ready = await Promise.all(this.instances.map((i) => this.isReady(i)));
    return ready.every(Boolean);
  }

  /** Resolves with the time it became ready, or undefined after timeoutMs. */
  async waitReady(instance: ServiceInstance, timeoutMs: number): Promise<number | undefined> {
    const deadline = now() + timeoutMs;
    while (now() < deadline) {
      if (await this.isReady(instance)) return now();
      await sleep(250);
    }
    return undefined;
  }

  /** Thaws frozen processes, SIGTERM, SIGKILL whatever is left after graceMs. */
  async stopAll(graceMs = 15_000): Promise<void> {
    this.stopping = true;
    const running = this.instances.filter((i) => this.isRunning(i));
    for (const instance of running) {
      instance.exitExpected = true;
      instance.child?.kill('SIGCONT');
      instance.child?.kill('SIGTERM');
    }
    const deadline = now() + graceMs;
    while (running.some((i) => this.isRunning(i)) && now() < deadline) await sleep(200);
    for (const instance of running) if (this.isRunning(instance)) instance.child?.kill('SIGKILL');
    while (running.some((i) => this.isRunning(i))) await sleep(50);
  }

  private onExit(instance: ServiceInstance, pid: number, code: number | null, signal: string | null): void {
    if (instance.exitExpected || this.stopping || instance.pid !== pid) return;
    const exit: UnexpectedExit = { instance: instance.name, pid, at: now(), code, signal };
    this.unexpectedExits.push(exit);
    this.log(
      `!! ${instance.name} (pid ${pid}) exited on its own: code ${code}, signal ${signal}; restarting it in ${this.options.restartAfterMs} ms`,
    );
    setTimeout(() => {
      if (this.stopping || this.isRunning(instance)) return;
      exit.restartedAt = now();
      this.start(instance);
    }, this.options.restartAfterMs).unref();
  }

  private envOf(instance: ServiceInstance): NodeJS.ProcessEnv {
    return {
      PATH: process.env.PATH,
      NODE_ENV: 'development',
      LOG_LEVEL: 'info',
      HOST: '127.0.0.1',
      PORT: String(instance.port),
      DATABASE_URL: this.infra.databaseUrl(`${instance.service}_db`),
      KAFKA_BROKERS: this.infra.kafkaBrokers,
      REDIS_URL: this.infra.redisUrl,
      TRACING_ENABLED: String(this.options.tracing),
      // Tracing, when on, goes to the shared dev Jaeger (the suite does not run one of its own).
      OTEL_EXPORTER_OTLP_ENDPOINT: process.env.OTEL_EXPORTER_OTLP_ENDPOINT ?? 'http://127.0.0.1:4318',
      DEPLOYMENT_ENVIRONMENT: 'fault-suite',
      ...this.options.extraEnv,
    };
  }
}
