import { readdir, readFile, readlink } from 'node:fs/promises';

export interface CpuSample {
  t: number;
  /** CPU use per process class in percent of one core since the previous sample */
  byProcess: Record<string, number>;
}

/**
 * Which processes belong to the measured platform. On a shared machine other checkouts run their own
 * services, Kafka brokers and benches, so processes are found by the port they listen on, never by
 * their command line alone.
 */
export interface PlatformProcesses {
  /** Listening port -> process class, e.g. 3001 -> order, 9092 -> kafka. */
  ports: Record<number, string>;
  /** The PostgreSQL server's port: its postmaster and the children serving `databases`. */
  postgresPort: number;
  /** Databases whose backends count as `postgres` (other databases on a shared server are someone else's). */
  databases: string[];
}

const TICKS_PER_SEC = 100;
/** Re-resolve listening ports this often (a restarted service gets a new pid). */
const RESOLVE_EVERY_MS = 10_000;

/** Reads /proc to attribute CPU time to the platform's processes (Linux only; empty elsewhere). */
export class ProcessCpuSampler {
  private previous = new Map<number, { ticks: number; cls: string }>();
  private previousAt = 0;
  private owners = new Map<number, string>();
  private postmaster: number | undefined;
  private resolvedAt = -Infinity;

  constructor(private readonly platform: PlatformProcesses) {}

  async sample(t: number): Promise<CpuSample | null> {
    if (t - this.resolvedAt >= RESOLVE_EVERY_MS) {
      this.resolvedAt = t;
      await this.resolve();
    }
    const current = await this.readProcesses();
    const byProcess: Record<string, number> = {};
    const elapsedSec = (t - this.previousAt) / 1000;
    for (const [pid, now] of current) {
      const before = this.previous.get(pid);
      if (!before || elapsedSec <= 0) continue;
      const pct = ((now.ticks - before.ticks) / TICKS_PER_SEC / elapsedSec) * 100;
      byProcess[now.cls] = Math.round(((byProcess[now.cls] ?? 0) + pct) * 10) / 10;
    }
    const first = this.previous.size === 0;
    this.previous = current;
    this.previousAt = t;
    return first ? null : { t, byProcess };
  }

  private async resolve(): Promise<void> {
    const byPort = await listeningPids([...Object.keys(this.platform.ports).map(Number), this.platform.postgresPort]);
    const owners = new Map<number, string>([[process.pid, 'bench']]);
    for (const [port, cls] of Object.entries(this.platform.ports)) {
      const pid = byPort.get(Number(port));
      if (pid !== undefined) owners.set(pid, cls);
    }
    this.owners = owners;
    this.postmaster = byPort.get(this.platform.postgresPort);
  }

  private async readProcesses(): Promise<Map<number, { ticks: number; cls: string }>> {
    const result = new Map<number, { ticks: number; cls: string }>();
    let entries: string[];
    try {
      entries = await readdir('/proc');
    } catch {
      return result;
    }
    const databases = new RegExp(`^postgres: \\S+ (${this.platform.databases.join('|')}) `);
    await Promise.all(
      entries
        .filter((e) => /^\d+$/.test(e))
        .map(async (e) => {
          try {
            const pid = Number(e);
            const stat = await readFile(`/proc/${e}/stat`, 'utf8');
            // fields after the ")" of the command name: ppid is the 2nd, utime and stime the 12th and 13th
            const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
            let cls = this.owners.get(pid);
            if (!cls && this.postmaster !== undefined) {
              if (pid === this.postmaster) cls = 'postgres';
              else if (Number(fields[1]) === this.postmaster) {
                const cmdline = (await readFile(`/proc/${e}/cmdline`, 'utf8')).replace(/\0/g, ' ').trim();
                // backends of other databases belong to someone else; the server's own workers count
                const backend = /^postgres: \S+ \S+ \S+\(\d+\)/.test(cmdline);
                if (!backend || databases.test(cmdline)) cls = 'postgres';
              }
            }
            if (!cls) return;
            result.set(pid, { ticks: Number(fields[11]) + Number(fields[12]), cls });
          } catch {
            // the process exited between readdir and read
          }
        }),
    );
    return result;
  }
}

/** Pid of the process listening on each port (IPv4 or IPv6), from /proc/net/tcp* and /proc/<pid>/fd. */
async function listeningPids(ports: number[]): Promise<Map<number, number>> {
  const inodeToPort = new Map<string, number>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    const text = await readFile(table, 'utf8').catch(() => '');
    for (const line of text.split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols.length < 10 || cols[3] !== '0A') continue; // 0A = LISTEN
      const port = parseInt(cols[1]!.split(':')[1]!, 16);
      if (ports.includes(port)) inodeToPort.set(cols[9]!, port);
    }
  }
  const result = new Map<number, number>();
  if (inodeToPort.size === 0) return result;
  const pids = (await readdir('/proc').catch(() => [] as string[])).filter((e) => /^\d+$/.test(e));
  await Promise.all(
    pids.map(async (pid) => {
      const fds = await readdir(`/proc/${pid}/fd`).catch(() => [] as string[]);
      for (const fd of fds) {
        const link = await readlink(`/proc/${pid}/fd/${fd}`).catch(() => '');
        const inode = /^socket:\[(\d+)\]$/.exec(link)?.[1];
        const port = inode ? inodeToPort.get(inode) : undefined;
        if (port !== undefined && !result.has(port)) result.set(port, Number(pid));
      }
    }),
  );
  return result;
}
