/**
 * Saga latency with tracing on vs off: `npx tsx --tsconfig test/tracing/tsconfig.script.json test/tracing/saga-latency.ts [checkouts=30]` (needs
 * `pnpm infra up` and `pnpm build`). Boots the four services twice side by side (TRACING_ENABLED=false and
 * true, each on its own topics), alternates sequential checkouts between them (one product, one coupon each)
 * and prints checkout→COMPLETED latency as seen by a client polling GET /orders/:id every 10 ms.
 * A measurement, not a test: nothing is asserted.
 */
import { endpointsToEnv, resolveEndpoints } from '@saga/test-harness';
import { TracedPlatform } from './support/traced-platform';

const WARMUP = 3;

interface Summary {
  tracing: boolean;
  n: number;
  p50: number;
  p90: number;
  mean: number;
  max: number;
}

function summarize(tracing: boolean, samples: number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  const mean = sorted.reduce((a, b) => a + b, 0) / sorted.length;
  return { tracing, n: sorted.length, p50: at(0.5), p90: at(0.9), mean: Math.round(mean), max: sorted.at(-1)! };
}

interface Run {
  tracing: boolean;
  platform: TracedPlatform;
  productId: string;
  samples: number[];
}

async function prepare(tracing: boolean): Promise<Run> {
  const platform = await TracedPlatform.start({ tracing });
  return { tracing, platform, productId: await platform.product(1_000, 10_000), samples: [] };
}

/** One checkout → COMPLETED, timed from the POST that was accepted. */
async function sagaMs(run: Run, record: boolean): Promise<void> {
  const { platform } = run;
  const userId = await platform.user(1_000_000);
  const couponId = await platform.coupon(userId, 100);
  const started = performance.now();
  const { orderId } = await platform.checkout(userId, { items: [{ productId: run.productId, quantity: 1 }], couponId });
  const order = await platform.settle(orderId, userId, { intervalMs: 10 });
  if (order.status !== 'COMPLETED') throw new Error(`order ${orderId} ended ${order.status} (${order.failureReason})`);
  if (record) run.samples.push(Math.round(performance.now() - started));
}

async function main(): Promise<void> {
  const checkouts = Number(process.argv[2] ?? 30);
  Object.assign(process.env, endpointsToEnv(await resolveEndpoints()));
  // both platforms run side by side and checkouts alternate, so background load hits both alike
  const runs: Run[] = [];
  try {
    runs.push(await prepare(false), await prepare(true));
    for (let i = 0; i < WARMUP + checkouts; i++) {
      for (const run of i % 2 === 0 ? runs : [...runs].reverse()) await sagaMs(run, i >= WARMUP);
    }
    const results = runs.map((r) => summarize(r.tracing, r.samples));
    console.table(results);
    const [off, on] = results as [Summary, Summary];
    console.log(`tracing overhead: p50 ${on.p50 - off.p50} ms, mean ${on.mean - off.mean} ms per saga`);
  } finally {
    await Promise.all(runs.map((r) => r.platform.stop()));
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
