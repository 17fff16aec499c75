/**
 * Service CPU per saga by span setting:
 * `npx tsx --tsconfig test/tracing/tsconfig.script.json test/tracing/span-cost.ts [checkouts=30] [rate=10] [rounds=3]`
 * (needs `pnpm infra up` and `pnpm build`; services on random ports, not 3001-3005). Boots the four services
 * three times side by side, each on its own databases and topics: TRACING_DETAIL=all (the trace before the
 * span budget), the budget (default), TRACING_ENABLED=false. Per round, for each platform in rotated order:
 * measures its idle CPU for a few seconds, offers `checkouts` checkouts (one coupon each) at `rate`/s, waits
 * until every order is terminal (polling the order database, so polling costs no service CPU) and the last
 * consumption is done, and takes the four services' CPU time from /proc minus the idle rate over that
 * wall time. Linux only. A measurement, not a test: nothing is asserted. Jaeger's own CPU is not included.
 */
import { readFileSync } from 'node:fs';
import { Client } from 'pg';
import { endpointsToEnv, resolveEndpoints } from '@saga/test-harness';
import { TracedPlatform } from './support/traced-platform';

const TICKS_PER_SECOND = 100;
const IDLE_MS = 4_000;
/** After the last order is terminal: product still records the sale (order.processed). */
const DRAIN_MS = 1_500;

interface Variant {
  label: string;
  tracing: boolean;
  env: Record<string, string>;
}

const VARIANTS: Variant[] = [
  { label: 'TRACING_DETAIL=all (before)', tracing: true, env: { TRACING_DETAIL: 'all' } },
  { label: 'span budget (default)', tracing: true, env: {} },
  { label: 'TRACING_ENABLED=false', tracing: false, env: {} },
];

interface Run {
  variant: Variant;
  platform: TracedPlatform;
  orders: Client;
  productId: string;
  /** Net CPU ms per saga of each round, per service. */
  rounds: Record<string, number>[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** utime + stime of each service process, in ms. */
function cpuMs(platform: TracedPlatform): Record<string, number> {
  return Object.fromEntries(
    platform.services().map(({ name, pid }) => {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8')
        .replace(/^.*\) /, '')
        .split(' ');
      return [name, ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND];
    }),
  );
}

const minus = (a: Record<string, number>, b: Record<string, number>) =>
  Object.fromEntries(Object.keys(a).map((k) => [k, a[k]! - b[k]!]));

async function prepare(variant: Variant): Promise<Run> {
  const platform = await TracedPlatform.start({ tracing: variant.tracing, env: variant.env });
  const orders = new Client({ connectionString: platform.services().find((s) => s.name === 'order')!.databaseUrl });
  await orders.connect();
  return { variant, platform, orders, productId: await platform.product(1_000, 1_000_000), rounds: [] };
}

async function terminalCount(run: Run, ids: string[]): Promise<number> {
  const { rows } = await run.orders.query<{ n: string }>(
    `SELECT count(*) AS n FROM "order" WHERE id = ANY($1::uuid[]) AND status IN ('COMPLETED', 'CANCELLED')`,
    [ids],
  );
  return Number(rows[0]!.n);
}

async function round(run: Run, checkouts: number, rate: number): Promise<void> {
  const { platform } = run;
  const buyers = [];
  for (let i = 0; i < checkouts; i++) {
    const userId = await platform.user(1_000_000);
    buyers.push({ userId, couponId: await platform.coupon(userId, 100) });
  }
  const idleStart = cpuMs(platform);
  await sleep(IDLE_MS);
  const idle = minus(cpuMs(platform), idleStart);

  const before = cpuMs(platform);
  const started = performance.now();
  const accepted = await Promise.all(
    buyers.map(async ({ userId, couponId }, i) => {
      await sleep((i * 1000) / rate);
      return platform.checkout(userId, { items: [{ productId: run.productId, quantity: 1 }], couponId });
    }),
  );
  const ids = accepted.map((a) => a.orderId);
  while ((await terminalCount(run, ids)) < ids.length) await sleep(50);
  await sleep(DRAIN_MS);
  const wallMs = performance.now() - started;
  const used = minus(cpuMs(platform), before);
  run.rounds.push(
    Object.fromEntries(Object.keys(used).map((k) => [k, (used[k]! - (idle[k]! * wallMs) / IDLE_MS) / checkouts])),
  );
}

async function main(): Promise<void> {
  const [checkouts = 30, rate = 10, rounds = 3] = process.argv.slice(2).map(Number);
  Object.assign(process.env, endpointsToEnv(await resolveEndpoints()));
  const runs: Run[] = [];
  try {
    for (const variant of VARIANTS) runs.push(await prepare(variant));
    // a first round per platform warms up its JIT and connection pools, and is not counted
    for (let r = 0; r <= rounds; r++) {
      // rotate the order so background load hits every variant alike
      for (let i = 0; i < runs.length; i++) await round(runs[(i + r) % runs.length]!, checkouts, rate);
    }
    for (const run of runs) run.rounds.shift();
    const rows = runs.map(({ variant, rounds: results }) => {
      const services = Object.keys(results[0]!);
      const mean = (k: string) => results.reduce((sum, res) => sum + res[k]!, 0) / results.length;
      const totals = results.map((res) => services.reduce((sum, k) => sum + res[k]!, 0));
      return {
        variant: variant.label,
        ...Object.fromEntries(services.map((k) => [k, Number(mean(k).toFixed(1))])),
        'services ms/saga': Number((totals.reduce((a, b) => a + b, 0) / totals.length).toFixed(1)),
        'per round': totals.map((t) => t.toFixed(1)).join(' / '),
      };
    });
    console.log(`service CPU per saga, net of idle (${checkouts} checkouts at ${rate}/s, ${rounds} rounds)`);
    console.table(rows);
  } finally {
    await Promise.all(runs.map((r) => r.orders.end().catch(() => undefined)));
    await Promise.all(runs.map((r) => r.platform.stop()));
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
