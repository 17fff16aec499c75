import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

process.env.SAGA_LOCAL_DIR = mkdtempSync(join(tmpdir(), 'saga-local-'));
// Loaded after SAGA_LOCAL_DIR is set, so pid files go to the temporary directory.
const { awaitDaemonPid, forgetPid, isAlive, ownedPid, recordPid, spawnDetached, terminate } =
  jest.requireActual<typeof import('./processes')>('./processes');
const { redis } = jest.requireActual<typeof import('../components/redis')>('../components/redis');
const { paths, PORTS } = jest.requireActual<typeof import('../config')>('../config');

const localDir = process.env.SAGA_LOCAL_DIR;
const logFile = join(localDir, 'probe.log');

/** A pid that certainly belonged to a process that is gone now, like the one in a killed daemon's pid file. */
async function deadPid(): Promise<number> {
  const pid = spawnDetached('sleep', ['30'], { logFile });
  await terminate(pid, 5000);
  return pid;
}

describe('pid ownership (what `infra down` may stop)', () => {
  it('recognises its own process, refuses a reused pid, and forgets a stopped one', async () => {
    const marker = `saga-test-${process.pid}`;
    const pid = spawnDetached('sh', ['-c', `sleep 30 # ${marker}`], { logFile });
    recordPid('probe', pid, marker);

    expect(ownedPid('probe', marker)).toBe(pid);
    expect(ownedPid('probe', 'another-process-command-line')).toBeUndefined();

    await terminate(pid, 5000);
    expect(isAlive(pid)).toBe(false);
    expect(ownedPid('probe', marker)).toBeUndefined();
    forgetPid('probe');
  });

  it('never claims a component it has no pid file for', () => {
    expect(ownedPid('never-started', 'anything')).toBeUndefined();
  });

  it('refuses to record a dead pid or another program', async () => {
    expect(() => recordPid('probe', 999_999_999, 'x')).toThrow(/not a running process/);
    const stale = await deadPid();
    expect(() => recordPid('probe', stale, 'sleep')).toThrow(/not a running process/);
    expect(() => recordPid('probe', process.pid, 'a-marker-jest-does-not-have')).toThrow(/not a running process/);
  });
});

describe('a daemon restarted after a kill (issue 12: the old pid was recorded)', () => {
  it('awaitDaemonPid ignores the stale pid file and returns the new daemon once it rewrote the file', async () => {
    const file = join(localDir, 'daemon.pid');
    writeFileSync(file, `${await deadPid()}\n`);
    const marker = `fake-daemon-${process.pid}`;
    // Writes its pid file only after a moment, as redis-server --daemonize does after `run` returned.
    const daemon = spawnDetached('sh', ['-c', `sleep 0.5; echo $$ > ${file}; sleep 30`, marker], { logFile });

    await expect(awaitDaemonPid(file, marker, 5000)).resolves.toBe(daemon);
    await terminate(daemon, 5000);
  });

  it('redis: start after a kill records the new process, so status and down still find it', async () => {
    // A stand-in redis-server on PATH: daemonizes like the real one and names itself redis-server <host>:<port>.
    const bin = join(localDir, 'bin');
    mkdirSync(bin, { recursive: true });
    const fake = join(bin, 'redis-server');
    writeFileSync(
      fake,
      `#!/bin/sh
pidfile=""
while [ $# -gt 0 ]; do [ "$1" = --pidfile ] && pidfile="$2"; shift; done
nohup sh -c 'sleep 0.3; echo $$ > "$0"; sleep 30' "$pidfile" "redis-server 127.0.0.1:${PORTS.redis}" >/dev/null 2>&1 &
`,
    );
    chmodSync(fake, 0o755);
    const path = process.env.PATH;
    process.env.PATH = `${bin}:${path}`;
    try {
      mkdirSync(paths.redis, { recursive: true });
      const killed = await deadPid();
      writeFileSync(join(paths.redis, 'redis.pid'), `${killed}\n`);

      await redis.start();

      expect(redis.isOwned()).toBe(true);
      const owned = ownedPid('redis', `:${PORTS.redis}`);
      expect(owned).not.toBe(killed);
      await redis.stop();
      expect(isAlive(owned!)).toBe(false);
      expect(redis.isOwned()).toBe(false);
    } finally {
      process.env.PATH = path;
    }
  });
});
