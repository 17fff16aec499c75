import { connect } from 'node:net';

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function waitUntil(
  what: string,
  check: () => Promise<boolean>,
  { timeoutMs, intervalMs = 500, rethrow = false }: { timeoutMs: number; intervalMs?: number; rethrow?: boolean },
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const safeCheck = () => (rethrow ? check() : check().catch(() => false));
  while (!(await safeCheck())) {
    if (Date.now() > deadline) throw new Error(`${what} not healthy after ${timeoutMs} ms`);
    await sleep(intervalMs);
  }
}

export function isPortOpen(port: number, host = '127.0.0.1', timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host });
    const done = (open: boolean) => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

export async function httpOk(url: string, timeoutMs = 2000): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    return response.ok;
  } catch {
    return false;
  }
}

/** Runs a step that takes minutes the first time, printing every 15 s what it is, how long so far and its log. */
export async function withHeartbeat<T>(what: string, logFile: string, work: () => Promise<T>): Promise<T> {
  const started = Date.now();
  const write = (line: string) => process.stderr.write(`infra: ${what}: ${line}\n`);
  write(`started (first time only; log ${logFile})`);
  const timer = setInterval(
    () => write(`${Math.round((Date.now() - started) / 1000)} s so far (log ${logFile})`),
    HEARTBEAT_MS,
  );
  try {
    const result = await work();
    write(`done in ${Math.round((Date.now() - started) / 1000)} s`);
    return result;
  } finally {
    clearInterval(timer);
  }
}

const HEARTBEAT_MS = 15_000;
