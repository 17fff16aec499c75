import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { HOST, PORTS, VERSIONS, paths } from '../config';
import { run } from '../runtime/exec';
import { awaitDaemonPid, forgetPid, ownedPid, recordPid } from '../runtime/processes';
import { isPortOpen } from '../runtime/wait';
import { Client } from 'pg';
import type { Component } from './component';

const BIN = `/usr/lib/postgresql/${VERSIONS.postgres}/bin`;
const dataDir = join(paths.postgres, 'data');
const logFile = join(paths.postgres, 'postgres.log');

/**
 * A project-owned cluster on its own port (never the distribution's cluster on 5432). initdb refuses to run as
 * root, so as root every server command runs as the `postgres` user on a directory it owns.
 */
export const postgres: Component = {
  name: 'postgres',
  logFile,
  startupTimeoutMs: 60_000,

  async install() {
    if (!existsSync(join(BIN, 'pg_ctl'))) {
      throw new Error(`PostgreSQL ${VERSIONS.postgres} not found in ${BIN}: apt-get install -y postgresql`);
    }
  },

  async isHealthy() {
    if (!(await isPortOpen(PORTS.postgres))) return false;
    const client = new Client({ host: HOST, port: PORTS.postgres, user: 'postgres', database: 'postgres' });
    try {
      await client.connect();
      await client.query('select 1');
      return true;
    } catch {
      return false;
    } finally {
      await client.end().catch(() => undefined);
    }
  },

  async start() {
    mkdirSync(paths.postgres, { recursive: true });
    if (process.getuid?.() === 0) chownToPostgres(paths.postgres);
    if (!existsSync(join(dataDir, 'PG_VERSION'))) {
      await asPostgresUser(join(BIN, 'initdb'), [
        '-D',
        dataDir,
        '-U',
        'postgres',
        '--auth=trust',
        '-E',
        'UTF8',
        '--locale=C.UTF-8',
      ]);
    }
    const options = `-c listen_addresses=${HOST} -p ${PORTS.postgres} -k ${paths.postgres} -c max_connections=300 ${durabilityFlags()}`;
    await asPostgresUser(join(BIN, 'pg_ctl'), ['-D', dataDir, '-l', logFile, '-w', '-t', '60', '-o', options, 'start']);
    // pg_ctl -w returns once the new postmaster rewrote postmaster.pid; checking the pid costs nothing.
    recordPid('postgres', await awaitDaemonPid(join(dataDir, 'postmaster.pid'), dataDir), dataDir);
  },

  isOwned: () => ownedPid('postgres', dataDir) !== undefined,

  async stop() {
    if (ownedPid('postgres', dataDir)) {
      await asPostgresUser(join(BIN, 'pg_ctl'), ['-D', dataDir, '-m', 'fast', '-w', 'stop']);
    }
    forgetPid('postgres');
  },
};

/**
 * Durable by default (fsync, synchronous commit: what a production user gets, and what benchmark
 * headlines are measured with). SAGA_PG_DURABLE=0 trades crash safety for speed on a test machine;
 * the bench records which one it measured. Applies when the server starts.
 */
export function durabilityFlags(env: NodeJS.ProcessEnv = process.env): string {
  const durable = !['0', 'false', 'off'].includes((env.SAGA_PG_DURABLE ?? '1').toLowerCase());
  return durable
    ? '-c fsync=on -c synchronous_commit=on -c full_page_writes=on'
    : '-c fsync=off -c synchronous_commit=off -c full_page_writes=off';
}

function chownToPostgres(dir: string): void {
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
  if (statSync(dir).uid !== uid) chownSync(dir, uid, gid);
}

function asPostgresUser(command: string, args: string[]): Promise<string> {
  return process.getuid?.() === 0 ? run('runuser', ['-u', 'postgres', '--', command, ...args]) : run(command, args);
}
