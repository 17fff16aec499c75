import { MAX_ITEMS_PER_CHECKOUT, MAX_UNITS_PER_ITEM, MixShares } from './checkout-mix';
import { CouponFixture, Fixtures, ProductFixture, UserFixture } from './fixtures';

export interface FixturePlanInput {
  runId: string;
  plannedCheckouts: number;
  shares: MixShares;
  products: number;
  hotProduct: boolean;
  /** Upper bound on coupon grants to seed (each is one HTTP call); beyond it checkouts go without coupon. */
  maxGrants: number;
}

const RICH_BALANCE = 1_000_000_000_000;
/** Below the cheapest possible total (min price 1000 minus the largest discount), so payment must fail. */
const POOR_BALANCE = 100;
const SOLD_OUT_PRODUCTS = 5;
const CHECKOUTS_PER_USER = 30;
/** Share of hot-product checkouts the stock covers; the rest must end OUT_OF_STOCK. */
export const HOT_STOCK_SHARE = 0.8;

const clamp = (v: number, min: number, max: number) => Math.max(min, Math.min(max, v));

export function planFixtures(input: FixturePlanInput): Fixtures {
  const n = Math.max(1, input.plannedCheckouts);
  const id = (kind: string, i: number) => `bench-${input.runId}-${kind}-${i}`;

  const productCount = input.hotProduct ? 1 : Math.max(1, input.products);
  const perProductUnits = input.hotProduct
    ? Math.floor(n * HOT_STOCK_SHARE)
    : Math.ceil(((n * MAX_ITEMS_PER_CHECKOUT * MAX_UNITS_PER_ITEM) / productCount) * 1.2) + 20;
  const stocked: ProductFixture[] = Array.from({ length: productCount }, (_, i) => ({
    id: id('p', i),
    price: 1000 + ((i * 1370) % 9000),
    stock: perProductUnits,
  }));
  const soldOut: ProductFixture[] = input.hotProduct
    ? []
    : Array.from({ length: SOLD_OUT_PRODUCTS }, (_, i) => ({ id: id('soldout', i), price: 2500, stock: 0 }));

  const richCount = clamp(Math.ceil(n / CHECKOUTS_PER_USER), 20, 5000);
  const poorCount = input.hotProduct
    ? 0
    : clamp(Math.ceil((n * input.shares.insufficientBalance) / CHECKOUTS_PER_USER), 5, 1000);
  const richUsers: UserFixture[] = Array.from({ length: richCount }, (_, i) => ({
    id: id('u', i),
    balance: RICH_BALANCE,
  }));
  const poorUsers: UserFixture[] = Array.from({ length: poorCount }, (_, i) => ({
    id: id('poor', i),
    balance: POOR_BALANCE,
  }));

  const users = [...richUsers, ...poorUsers];
  const wantedPerUser = Math.ceil((n / users.length) * input.shares.withCoupon * 1.2) + 1;
  const perUser = Math.max(0, Math.min(wantedPerUser, Math.floor(input.maxGrants / users.length)));
  const coupons: CouponFixture[] = Array.from({ length: perUser }, (_, i) =>
    i % 2 === 0
      ? { id: id('c', i), discountType: 'FIXED', discountValue: 300 }
      : { id: id('c', i), discountType: 'PERCENT', discountValue: 10 },
  );
  const grants = new Map(users.map((u) => [u.id, coupons.map((c) => c.id)]));

  return { runId: input.runId, stocked, soldOut, richUsers, poorUsers, coupons, grants };
}
