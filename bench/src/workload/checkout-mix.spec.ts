import { DEFAULT_SHARES, HotProductMix, PlannedCheckout, RealisticMix } from './checkout-mix';
import { HOT_STOCK_SHARE, planFixtures } from './fixture-plan';
import { seededRandom } from './random';

function draw(n: number, source: { next(): PlannedCheckout }): PlannedCheckout[] {
  return Array.from({ length: n }, () => source.next());
}

describe('RealisticMix', () => {
  const fixtures = () =>
    planFixtures({
      runId: 't',
      plannedCheckouts: 5000,
      shares: DEFAULT_SHARES,
      products: 50,
      hotProduct: false,
      maxGrants: 1e6,
    });

  it('produces roughly 80/10/10 with half of the checkouts carrying a coupon', () => {
    const plan = draw(5000, new RealisticMix(fixtures(), DEFAULT_SHARES, seededRandom(1)));
    const share = (p: (c: PlannedCheckout) => boolean) => plan.filter(p).length / plan.length;
    expect(share((c) => c.expect === 'COMPLETED')).toBeCloseTo(0.8, 1);
    expect(share((c) => c.expect === 'OUT_OF_STOCK')).toBeCloseTo(0.1, 1);
    expect(share((c) => c.expect === 'INSUFFICIENT_BALANCE')).toBeCloseTo(0.1, 1);
    expect(share((c) => c.couponId !== null)).toBeCloseTo(0.5, 1);
  });

  it('never sends the same coupon grant twice for one user', () => {
    const plan = draw(5000, new RealisticMix(fixtures(), DEFAULT_SHARES, seededRandom(2)));
    const used = plan.filter((c) => c.couponId).map((c) => `${c.userId}/${c.couponId}`);
    expect(new Set(used).size).toBe(used.length);
  });

  it('has enough stock for every successful checkout even if all took the maximum units', () => {
    const f = fixtures();
    const plan = draw(5000, new RealisticMix(f, DEFAULT_SHARES, seededRandom(3)));
    const demand = new Map<string, number>();
    for (const c of plan) for (const i of c.items) demand.set(i.productId, (demand.get(i.productId) ?? 0) + i.quantity);
    for (const p of f.stocked) expect(demand.get(p.id) ?? 0).toBeLessThanOrEqual(p.stock);
  });

  it('routes insufficient-balance checkouts to users who cannot pay the cheapest basket', () => {
    const f = fixtures();
    const poor = new Set(f.poorUsers.map((u) => u.id));
    const cheapest = Math.min(...f.stocked.map((p) => p.price)) - 300;
    expect(Math.max(...f.poorUsers.map((u) => u.balance))).toBeLessThan(cheapest * 0.9);
    const plan = draw(1000, new RealisticMix(f, DEFAULT_SHARES, seededRandom(4)));
    for (const c of plan) expect(poor.has(c.userId)).toBe(c.expect === 'INSUFFICIENT_BALANCE');
  });
});

describe('HotProductMix', () => {
  it('sends every checkout to the one hot product whose stock covers only part of them', () => {
    const f = planFixtures({
      runId: 't',
      plannedCheckouts: 1000,
      shares: DEFAULT_SHARES,
      products: 50,
      hotProduct: true,
      maxGrants: 1e6,
    });
    expect(f.stocked).toHaveLength(1);
    expect(f.stocked[0].stock).toBe(1000 * HOT_STOCK_SHARE);
    const plan = draw(1000, new HotProductMix(f, DEFAULT_SHARES, seededRandom(5)));
    expect(new Set(plan.flatMap((c) => c.items.map((i) => i.productId)))).toEqual(new Set([f.stocked[0].id]));
  });
});

describe('planFixtures', () => {
  it('caps coupon grants at maxGrants', () => {
    const f = planFixtures({
      runId: 't',
      plannedCheckouts: 100_000,
      shares: DEFAULT_SHARES,
      products: 100,
      hotProduct: false,
      maxGrants: 10_000,
    });
    const grants = [...f.grants.values()].reduce((acc, g) => acc + g.length, 0);
    expect(grants).toBeLessThanOrEqual(10_000);
    expect(grants).toBeGreaterThan(0);
  });
});
