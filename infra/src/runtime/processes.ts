import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { paths } from '../config';
import { sleep } from './wait';

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const pidFile = (name: string) => join(paths.pids, `${name}.pid`);

/** The pid we recorded for a component, if that process still runs and is still ours (pid reuse check). */
export function ownedPid(name: string, marker: string): number | undefined {
  const pid = readPidFile(pidFile(name));
  return pid !== undefined && isOurs(pid, marker) ? pid : undefined;
}

/**
 * Records the pid of a component we just started, after checking that it is that process: alive and running
 * with `marker` on its command line. Recording anything else (a predecessor's pid from a stale pid file) would
 * make `infra status` and `infra down` lose track of the real process.
 */
export function recordPid(name: string, pid: number, marker: string): void {
  if (!isOurs(pid, marker)) throw new Error(`${name}: pid ${pid} is not a running process with "${marker}"`);
  mkdirSync(paths.pids, { recursive: true });
  writeFileSync(pidFile(name), String(pid));
}

/**
 * The pid a self-daemonizing server (redis-server --daemonize, postgres) wrote to its own pid file. A file left
 * by a predecessor that was killed names a dead (or reused) pid: it is ignored until the new process rewrites it.
 */
export async function awaitDaemonPid(file: string, marker: string, timeoutMs = 10_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const pid = readPidFile(file);
    if (pid !== undefined && isOurs(pid, marker)) return pid;
    if (Date.now() > deadline) throw new Error(`no running process with "${marker}" in ${file} after ${timeoutMs} ms`);
    await sleep(100);
  }
}

/** First line of a pid file (postmaster.pid has more lines), if it holds a positive integer. */
export function readPidFile(file: string): number | undefined {
  try {
    const pid = Number(readFileSync(file, 'utf8').split('\n')[0].trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isOurs(pid: number, marker: string): boolean {
  return isAlive(pid) && commandLineOf(pid).includes(marker);
}

export function forgetPid(name: string): void {
  rmSync(pidFile(name), { force: true });
}

function commandLineOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    return '';
  }
}

/** Starts a long-running process that outlives this CLI, stdout/stderr appended to logFile. */
export function spawnDetached(
  command: string,
  args: string[],
  opts: { logFile: string; cwd?: string; env?: NodeJS.ProcessEnv },
): number {
  const fd = openSync(opts.logFile, 'a');
  const child = spawn(command, args, {
    cwd: opts.cwd,
    env: opts.env ?? process.env,
    detached: true,
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  child.unref();
  if (child.pid === undefined) throw new Error(`could not start ${command}`);
  return child.pid;
}

/** SIGTERM, wait for a clean exit, SIGKILL as a last resort. */
export async function terminate(pid: number, graceMs = 30_000): Promise<void> {
  if (!isAlive(pid)) return;
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (isAlive(pid) && Date.now() < deadline) await sleep(200);
  if (isAlive(pid)) process.kill(pid, 'SIGKILL');
}
