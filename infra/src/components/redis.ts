import { mkdirSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { HOST, PORTS, paths } from '../config';
import { commandExists, run } from '../runtime/exec';
import { forgetPid, ownedPid, recordPid, terminate } from '../runtime/processes';
import { sleep } from '../runtime/wait';
import type { Component } from './component';

const pidFileOfRedis = join(paths.redis, 'redis.pid');

export const redis: Component = {
  name: 'redis',
  logFile: join(paths.redis, 'redis.log'),
  startupTimeoutMs: 30_000,

  async install() {
    if (!(await commandExists('redis-server'))) {
      throw new Error('redis-server not found: apt-get install -y redis-server');
    }
  },

  isHealthy: () => ping(),

  async start() {
    mkdirSync(paths.redis, { recursive: true });
    await run('redis-server', [
      '--port',
      String(PORTS.redis),
      '--bind',
      HOST,
      '--dir',
      paths.redis,
      '--save',
      '',
      '--appendonly',
      'no',
      '--daemonize',
      'yes',
      '--pidfile',
      pidFileOfRedis,
      '--logfile',
      this.logFile,
    ]);
    for (let i = 0; i < 50; i++) {
      const pid = readDaemonPid();
      if (pid) return recordPid('redis', pid);
      await sleep(100);
    }
    throw new Error('redis did not write its pid file');
  },

  isOwned: () => ownedPid('redis', `:${PORTS.redis}`) !== undefined,

  async stop() {
    const pid = ownedPid('redis', `:${PORTS.redis}`);
    if (pid) await terminate(pid);
    forgetPid('redis');
  },
};

function readDaemonPid(): number | undefined {
  try {
    const pid = Number(readFileSync(pidFileOfRedis, 'utf8').trim());
    return pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function ping(): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: HOST, port: PORTS.redis });
    let reply = '';
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString();
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG'));
    });
    socket.once('error', () => done(false));
  });
}
