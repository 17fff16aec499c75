import { readdir, readFile, readlink } from 'node:fs/promises';
import { serviceList } from '@saga/contracts';

export interface CpuSample {
  t: number;
  /** CPU use per process class in percent of one core since the previous sample */
  byProcess: Record<string, number>;
}

/** Every service of services.json is its own class (the explorer's projection cost shows apart from the saga's). */
const SERVICES = serviceList().map((s) => s.name);
const SERVICE_MAIN = new RegExp(`services/(${SERVICES.join('|')})/(dist|src)/main`);
const SERVICE_DIR = new RegExp(`services/(${SERVICES.join('|')})$`);

const CLASSES: [string, RegExp][] = [
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
  const byCommand = SERVICE_MAIN.exec(cmdline)?.[1] ?? CLASSES.find(([, re]) => re.test(cmdline))?.[0];
  if (byCommand || !/\bnode\b/.test(cmdline)) return byCommand;
  const cwd = await readlink(`/proc/${pid}/cwd`).catch(() => '');
  return SERVICE_DIR.exec(cwd)?.[1];
}
