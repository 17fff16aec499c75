import { readdir, readFile, readlink } from 'node:fs/promises';

export interface CpuSample {
  t: number;
  /** CPU use per process class in percent of one core since the previous sample */
  byProcess: Record<string, number>;
}

const CLASSES: [string, RegExp][] = [
  ['order', /services\/order\/(dist|src)\/main/],
  ['product', /services\/product\/(dist|src)\/main/],
  ['coupon', /services\/coupon\/(dist|src)\/main/],
  ['user', /services\/user\/(dist|src)\/main/],
  ['kafka', /kafka\.Kafka/],
  ['postgres', /^postgres/],
  ['redis', /redis-server/],
  ['jaeger', /jaeger/],
  ['bench', /bench\/src\/cli/],
];

const TICKS_PER_SEC = 100;

/** Reads /proc to attribute CPU time to the platform's processes (Linux only; empty elsewhere). */
export class ProcessCpuSampler {
  private previous = new Map<number, { ticks: number; cls: string }>();
  private previousAt = 0;

  async sample(t: number): Promise<CpuSample | null> {
    const current = await readProcesses();
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
}

async function readProcesses(): Promise<Map<number, { ticks: number; cls: string }>> {
  const result = new Map<number, { ticks: number; cls: string }>();
  let entries: string[];
  try {
    entries = await readdir('/proc');
  } catch {
    return result;
  }
  await Promise.all(
    entries
      .filter((e) => /^\d+$/.test(e))
      .map(async (e) => {
        try {
          const cmdline = (await readFile(`/proc/${e}/cmdline`, 'utf8')).replace(/\0/g, ' ').trim();
          const cls = await classify(e, cmdline);
          if (!cls) return;
          const stat = await readFile(`/proc/${e}/stat`, 'utf8');
          // fields after the ")" of the command name: utime and stime are the 12th and 13th
          const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
          result.set(Number(e), { ticks: Number(fields[11]) + Number(fields[12]), cls });
        } catch {
          // the process exited between readdir and read
        }
      }),
  );
  return result;
}

/** A service started as `node dist/main.js` from its folder is recognised by its working directory. */
async function classify(pid: string, cmdline: string): Promise<string | undefined> {
  const byCommand = CLASSES.find(([, re]) => re.test(cmdline))?.[0];
  if (byCommand || !/\bnode\b/.test(cmdline)) return byCommand;
  const cwd = await readlink(`/proc/${pid}/cwd`).catch(() => '');
  return /services\/(order|product|coupon|user)$/.exec(cwd)?.[1];
}
