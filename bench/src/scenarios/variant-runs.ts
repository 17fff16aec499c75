import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { BenchEnv } from '../config/env';
import { compareResults } from '../report/compare';
import { LoadOptions } from './options';
import { resultFileBase, runScenario } from './run-scenario';
import { fixedScenario } from './scenarios';
import { Log } from './run-context';

/** Which platform setting a comparison scenario flips. */
export const VARIANTS = {
  tracing: { variable: 'TRACING_ENABLED', values: ['true', 'false'] },
  relay: { variable: 'OUTBOX_NOTIFY', values: ['true', 'false'] },
} as const;

/**
 * The same fixed-rate run against the platform started with VAR=true and VAR=false. With --restart the
 * bench restarts the platform itself through scripts/stop.sh and scripts/start.sh (which pass the
 * environment on to the services); without it, it measures the platform as it runs now and labels the
 * result with --value, and you do the second run and `pnpm bench compare` yourself.
 */
export async function runVariants(
  env: BenchEnv,
  name: keyof typeof VARIANTS,
  o: LoadOptions,
  flags: Record<string, string>,
  log: Log,
): Promise<void> {
  const { variable, values } = VARIANTS[name];
  if (flags.restart !== 'true') {
    const value = flags.value ?? 'as-started';
    const result = await runScenario(env, fixedScenario(name, { ...o, label: `${variable}=${value}` }), log);
    log(
      `\nTo compare: restart the platform with the other value, e.g.\n  pnpm stop && ${variable}=${value === 'true' ? 'false' : 'true'} pnpm start\n` +
        `  pnpm bench ${name} --value ${value === 'true' ? 'false' : 'true'} --rate ${o.rate} --duration ${o.duration}\n` +
        `  pnpm bench compare ${`${resultFileBase(result, o.out)}.json`} <the other result .json>`,
    );
    return;
  }
  const scripts = ['scripts/stop.sh', 'scripts/start.sh'];
  const missing = scripts.filter((s) => !existsSync(s));
  if (missing.length) throw new Error(`--restart needs ${missing.join(' and ')} (run from the repository root)`);
  const files: string[] = [];
  for (const value of values) {
    log(`restarting the platform with ${variable}=${value}`);
    run('bash', ['scripts/stop.sh'], {});
    run('bash', ['scripts/start.sh'], { [variable]: value });
    const result = await runScenario(env, fixedScenario(name, { ...o, label: `${variable}=${value}` }), log);
    files.push(`${resultFileBase(result, o.out)}.json`);
  }
  await compareResults(files[0], files[1], o.out, log);
}

function run(command: string, args: string[], extraEnv: Record<string, string>): void {
  const r = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...extraEnv } });
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${r.status}`);
}
