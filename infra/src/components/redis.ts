import { mkdirSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { HOST, PORTS, paths } from '../config';
import { commandExists, run } from '../runtime/exec';
import { awaitDaemonPid, forgetPid, ownedPid, recordPid, terminate } from '../runtime/processes';
import type { Component } from './component';

const pidFileOfRedis = join(paths.redis, 'redis.pid');
/** redis-server names itself `redis-server 127.0.0.1:<port>`. */
const marker = `:${PORTS.redis}`;

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
    // A killed redis leaves its pid file behind; the daemon rewrites it only a moment after `run` returns.
    rmSync(pidFileOfRedis, { force: true });
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
    recordPid('redis', await awaitDaemonPid(pidFileOfRedis, marker), marker);
  },

  isOwned: () => ownedPid('redis', marker) !== undefined,

  async stop() {
    const pid = ownedPid('redis', marker);
    if (pid) await terminate(pid);
    forgetPid('redis');
  },
};

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
