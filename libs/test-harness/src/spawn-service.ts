import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { currentEndpoints } from './endpoints';
import { REPO_ROOT } from './infra/native';
import { uniqueId } from './unique-id';

export interface ServiceExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface SpawnedService {
  readonly name: string;
  readonly port: number;
  readonly url: string;
  readonly pid: number;
  readonly logFile: string;
  /** Everything the process wrote so far (stdout and stderr). */
  logs(): string;
  /**
   * Graceful: SIGTERM, then SIGKILL if still running after timeoutMs (`forced`). A Nest app re-raises the
   * signal after its shutdown hooks, so a clean stop is usually `{ code: null, signal: 'SIGTERM' }`.
   */
  stop(timeoutMs?: number): Promise<ServiceExit & { forced: boolean }>;
  /** A crash: SIGKILL. */
  kill(): Promise<ServiceExit>;
  readonly exited: Promise<ServiceExit>;
}

/**
 * Runs the built service (`node services/<name>/dist/main.js`, so `pnpm build` first) with the shared
 * infrastructure endpoints plus `env`, and waits for GET /health/ready.
 */
export async function spawnService(
  name: string,
  env: Record<string, string> = {},
  { readyTimeoutMs = 60_000 }: { readyTimeoutMs?: number } = {},
): Promise<SpawnedService> {
  const entry = join(REPO_ROOT, 'services', name, 'dist', 'main.js');
  if (!existsSync(entry)) throw new Error(`${entry} not found: run \`pnpm build\` first`);
  const endpoints = currentEndpoints();
  const port = Number(env.PORT ?? (await freePort()));
  const logDir = join(REPO_ROOT, '.local', 'test-logs');
  mkdirSync(logDir, { recursive: true });
  const logFile = join(logDir, `${uniqueId(name)}.log`);
  const logStream = createWriteStream(logFile);
  let output = '';

  const child: ChildProcess = spawn(process.execPath, [entry], {
    cwd: join(REPO_ROOT, 'services', name),
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      KAFKA_BROKERS: endpoints.kafkaBrokers.join(','),
      REDIS_URL: endpoints.redisUrl,
      OTEL_EXPORTER_OTLP_ENDPOINT: endpoints.otlpEndpoint,
      ...env,
      PORT: String(port),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [child.stdout, child.stderr]) {
    stream?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      logStream.write(chunk);
    });
  }
  let exit: ServiceExit | undefined;
  const exited = new Promise<ServiceExit>((resolve) => {
    child.on('exit', (code, signal) => {
      exit = { code, signal };
      logStream.end();
      resolve(exit);
    });
  });

  const url = `http://127.0.0.1:${port}`;
  const service: SpawnedService = {
    name,
    port,
    url,
    pid: child.pid ?? -1,
    logFile,
    logs: () => output,
    exited,
    async stop(timeoutMs = 30_000) {
      if (exit) return { ...exit, forced: false };
      let forced = false;
      child.kill('SIGTERM');
      const timer = setTimeout(() => {
        forced = true;
        child.kill('SIGKILL');
      }, timeoutMs);
      const result = await exited;
      clearTimeout(timer);
      return { ...result, forced };
    },
    async kill() {
      if (!exit) child.kill('SIGKILL');
      return exited;
    },
  };

  try {
    await waitUntilReady(url, () => exit, readyTimeoutMs);
  } catch (error) {
    await service.kill();
    throw new Error(`${name}: ${(error as Error).message}\n--- log (${logFile}) ---\n${output.slice(-4000)}`);
  }
  return service;
}

/** Polls /health/ready; gives up at once when the process exits (a crash at boot should not cost the timeout). */
async function waitUntilReady(url: string, exitOf: () => ServiceExit | undefined, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const exit = exitOf();
    if (exit) throw new Error(`exited (code ${exit.code}, signal ${exit.signal}) before ready`);
    const ready = await fetch(`${url}/health/ready`, { signal: AbortSignal.timeout(2000) }).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return;
    if (Date.now() > deadline) throw new Error(`not ready at ${url}/health/ready after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}
