import { Databases } from './databases';
import { PlatformApi, describeFailure, isSuccess } from './api-client';
import { forEachLimited, sleep } from './concurrency';
import { allUsers, Fixtures } from '../workload/fixtures';

export interface SeedProgress {
  (message: string): void;
}

const SEED_CONCURRENCY = 32;

/** Creates the run's products, users, coupons and grants through the admin API. */
export async function seedFixtures(api: PlatformApi, f: Fixtures, log: SeedProgress): Promise<void> {
  const products = [...f.stocked, ...f.soldOut];
  log(`seeding ${products.length} products, ${allUsers(f).length} users, ${f.coupons.length} coupons`);
  await forEachLimited(products, SEED_CONCURRENCY, async (p) => {
    const r = await api.createProduct({ id: p.id, name: `Bench ${p.id}`, price: p.price, stock: p.stock });
    if (!isSuccess(r)) throw describeFailure(`create product ${p.id}`, r);
  });
  await forEachLimited(allUsers(f), SEED_CONCURRENCY, async (u) => {
    const r = await api.createUser({ id: u.id, name: `Bench ${u.id}`, balance: u.balance });
    if (!isSuccess(r)) throw describeFailure(`create user ${u.id}`, r);
  });
  const users = allUsers(f);
  await forEachLimited(f.coupons, SEED_CONCURRENCY, async (c) => {
    const r = await api.createCoupon({ ...c, name: `Bench ${c.id}`, totalQuantity: users.length });
    if (!isSuccess(r)) throw describeFailure(`create coupon ${c.id}`, r);
  });
  const grants = [...f.grants].flatMap(([userId, couponIds]) => couponIds.map((couponId) => ({ userId, couponId })));
  let done = 0;
  await forEachLimited(grants, SEED_CONCURRENCY, async (g) => {
    const r = await api.grantCoupon(g.couponId, g.userId);
    if (!isSuccess(r)) throw describeFailure(`grant coupon ${g.couponId} to ${g.userId}`, r);
    if (++done % 5000 === 0) log(`  granted ${done}/${grants.length} coupons`);
  });
  log(`granted ${grants.length} coupons`);
}

/**
 * The order service prices checkouts from its replica of product.catalog, so checkouts are only
 * accepted once every seeded product has reached it.
 */
export async function waitForCatalogReplica(
  db: Databases,
  f: Fixtures,
  timeoutMs: number,
  log: SeedProgress,
): Promise<void> {
  const ids = [...f.stocked, ...f.soldOut].map((p) => p.id);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [row] = await db.query<{ n: string }>(
      'order',
      'SELECT count(*)::text AS n FROM product_price WHERE product_id = ANY($1)',
      [ids],
    );
    const replicated = Number(row.n);
    if (replicated === ids.length) return;
    if (Date.now() > deadline)
      throw new Error(`catalog replica has ${replicated}/${ids.length} products after ${timeoutMs} ms`);
    log(`  waiting for the order service's catalog replica: ${replicated}/${ids.length}`);
    await sleep(500);
  }
}

export async function waitForPlatform(api: PlatformApi, timeoutMs: number, log: SeedProgress): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (const service of ['order', 'product', 'coupon', 'user'] as const) {
    for (;;) {
      const ok = await api.health(service).then(isSuccess, () => false);
      if (ok) break;
      if (Date.now() > deadline)
        throw new Error(`${service} service is not ready (GET /health/ready); is the platform running? (pnpm start)`);
      log(`  waiting for ${service} service to be ready`);
      await sleep(1000);
    }
  }
}
