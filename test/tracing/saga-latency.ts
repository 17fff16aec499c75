/**
 * Saga latency with tracing on vs off: `npx tsx --tsconfig test/tracing/tsconfig.script.json test/tracing/saga-latency.ts [checkouts=30]` (needs
 * `pnpm infra up` and `pnpm build`). Boots the four services twice (TRACING_ENABLED=false, then true),
 * runs sequential checkouts (one product, one coupon each) and prints checkout→COMPLETED latency as seen by
 * a client polling GET /orders/:id every 10 ms. A measurement, not a test: nothing is asserted.
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

async function measure(tracing: boolean, checkouts: number): Promise<Summary> {
  const platform = await TracedPlatform.start({ tracing });
  try {
    const productId = await platform.product(1_000, 10_000);
    const samples: number[] = [];
    for (let i = 0; i < WARMUP + checkouts; i++) {
      const userId = await platform.user(1_000_000);
      const couponId = await platform.coupon(userId, 100);
      const started = performance.now();
      const { orderId } = await platform.checkout(userId, { items: [{ productId, quantity: 1 }], couponId });
      const order = await platform.settle(orderId, userId, { intervalMs: 10 });
      if (order.status !== 'COMPLETED') throw new Error(`order ${orderId} ended ${order.status} (${order.failureReason}) at checkout ${i}`);
      if (i >= WARMUP) samples.push(Math.round(performance.now() - started));
    }
    return summarize(tracing, samples);
  } finally {
    await platform.stop();
  }
}

async function main(): Promise<void> {
  const checkouts = Number(process.argv[2] ?? 30);
  Object.assign(process.env, endpointsToEnv(await resolveEndpoints()));
  const results = [await measure(false, checkouts), await measure(true, checkouts)];
  console.table(results);
  const [off, on] = results as [Summary, Summary];
  console.log(`tracing overhead: p50 ${on.p50 - off.p50} ms, mean ${on.mean - off.mean} ms per saga`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
