import { mkdirSync, openSync, readFileSync, rmSync, writeSync, closeSync } from 'node:fs';
import { dirname } from 'node:path';
import { isAlive } from './processes';
import { sleep } from './wait';

/**
 * Cross-process lock: a file created with O_EXCL holding the owner's pid. A lock whose owner died is taken
 * over, so a killed `up` never blocks the next one.
 */
export async function withFileLock<T>(file: string, work: () => Promise<T>, timeoutMs = 45 * 60_000): Promise<T> {
  mkdirSync(dirname(file), { recursive: true });
  const deadline = Date.now() + timeoutMs;
  let announced = false;
  for (;;) {
    const attempt = tryAcquire(file);
    if (attempt === 'acquired') break;
    if (attempt === 'stale-removed') continue;
    if (Date.now() > deadline) throw new Error(`timed out waiting for lock ${file}`);
    if (!announced) {
      process.stderr.write(`waiting for lock ${file} (held by pid ${readOwner(file)})\n`);
      announced = true;
    }
    await sleep(500);
  }
  try {
    return await work();
  } finally {
    rmSync(file, { force: true });
  }
}

function tryAcquire(file: string): 'acquired' | 'held' | 'stale-removed' {
  try {
    const fd = openSync(file, 'wx');
    writeSync(fd, String(process.pid));
    closeSync(fd);
    return 'acquired';
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const owner = readOwner(file);
    if (owner !== undefined && !isAlive(owner)) {
      rmSync(file, { force: true });
      return 'stale-removed';
    }
    return 'held';
  }
}

function readOwner(file: string): number | undefined {
  try {
    const pid = Number(readFileSync(file, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}
