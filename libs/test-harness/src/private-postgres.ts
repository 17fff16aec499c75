import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './spawn-service';

const run = promisify(execFile);

/**
 * A throwaway PostgreSQL server of its own (initdb into a temp dir, its own port), for fault tests that
 * stop and start the database: the shared dev server must never be touched. Needs the PostgreSQL server
 * binaries (PG_BIN, else the newest /usr/lib/postgresql/<version>/bin). As root, the server runs as the
 * `postgres` user, since initdb refuses root.
 */
export interface PrivatePostgres {
  readonly port: number;
  /** Superuser `saga`, trust auth. */
  readonly adminUrl: string;
  /** `pg_ctl stop -m immediate`: every backend killed at once, like a crash. */
  stopImmediately(): Promise<void>;
  start(): Promise<void>;
  destroy(): Promise<void>;
}

function serverBinaries(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(join(root, v, 'bin', 'pg_ctl')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length === 0) throw new Error('PostgreSQL server binaries not found: set PG_BIN');
  return join(root, versions[0], 'bin');
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = serverBinaries();
  const dir = mkdtempSync(join(tmpdir(), 'private-pg-'));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const id = async (flag: string) => Number((await run('id', [flag, 'postgres'])).stdout.trim());
    chownSync(dir, await id('-u'), await id('-g'));
  }
  const exec = (command: string, args: string[]) =>
    asRoot ? run('runuser', ['-u', 'postgres', '--', join(bin, command), ...args]) : run(join(bin, command), args);
  const data = join(dir, 'data');
  await exec('initdb', ['-D', data, '-U', 'saga', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
  const port = await freePort();
  const options = `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c max_connections=100`;
  const start = async () => {
    await exec('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '60', '-o', options, 'start']);
  };
  await start();
  return {
    port,
    adminUrl: `postgresql://saga@127.0.0.1:${port}/postgres`,
    start,
    stopImmediately: async () => void (await exec('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop'])),
    destroy: async () => {
      await exec('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
