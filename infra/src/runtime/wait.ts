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
