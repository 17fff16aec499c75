import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { currentEndpoints } from './endpoints';
import { REPO_ROOT } from './infra/native';
import { uniqueId } from './unique-id';
import { waitFor } from './wait-for';

export interface SpawnedService {
  readonly name: string;
  readonly port: number;
  readonly url: string;
  readonly pid: number;
  readonly logFile: string;
  /** Everything the process wrote so far (stdout and stderr). */
  logs(): string;
  /** Graceful: SIGTERM, resolves with the exit code. */
  stop(timeoutMs?: number): Promise<number | null>;
  /** A crash: SIGKILL. */
  kill(): Promise<void>;
  readonly exited: Promise<number | null>;
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
  let exitCode: number | null | undefined;
  const exited = new Promise<number | null>((resolve) => {
    child.on('exit', (code, signal) => {
      exitCode = code ?? (signal ? null : code);
      logStream.end();
      resolve(code);
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
      if (exitCode !== undefined) return exitCode;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
    async kill() {
      if (exitCode !== undefined) return;
      child.kill('SIGKILL');
      await exited;
    },
  };

  try {
    await waitFor(
      async () => {
        if (exitCode !== undefined) throw new Error(`${name} exited with ${exitCode} before ready`);
        const response = await fetch(`${url}/health/ready`, { signal: AbortSignal.timeout(2000) });
        return response.ok;
      },
      { timeoutMs: readyTimeoutMs, intervalMs: 250, description: `${name} /health/ready` },
    );
  } catch (error) {
    await service.kill();
    throw new Error(`${(error as Error).message}\n--- ${name} log (${logFile}) ---\n${output.slice(-4000)}`);
  }
  return service;
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
