import { Fixtures } from './fixtures';
import { intBetween, pick, Random } from './random';

/** What the bench expects the saga to end with; ANY when contention decides (hot product). */
export type Expectation = 'COMPLETED' | 'OUT_OF_STOCK' | 'INSUFFICIENT_BALANCE' | 'ANY';

export interface PlannedCheckout {
  userId: string;
  items: { productId: string; quantity: number }[];
  couponId: string | null;
  expect: Expectation;
}

export interface MixShares {
  outOfStock: number;
  insufficientBalance: number;
  withCoupon: number;
}

export const DEFAULT_SHARES: MixShares = { outOfStock: 0.1, insufficientBalance: 0.1, withCoupon: 0.5 };

/** Upper bound of units one successful checkout takes from stock (sizes stock when seeding). */
export const MAX_ITEMS_PER_CHECKOUT = 3;
export const MAX_UNITS_PER_ITEM = 2;

export interface CheckoutSource {
  next(): PlannedCheckout;
}

/**
 * The realistic mix: most checkouts succeed, some name a sold-out product, some come from users who
 * cannot pay. A coupon is attached only while the user still holds an unused grant, so a coupon is
 * never sent twice and every coupon rejection would be a platform bug.
 */
export class RealisticMix implements CheckoutSource {
  private nextRich = 0;
  private nextPoor = 0;

  constructor(
    private readonly fixtures: Fixtures,
    private readonly shares: MixShares,
    private readonly random: Random,
  ) {}

  next(): PlannedCheckout {
    const roll = this.random();
    if (roll < this.shares.outOfStock) return this.outOfStock();
    if (roll < this.shares.outOfStock + this.shares.insufficientBalance) return this.insufficientBalance();
    return this.success();
  }

  private success(): PlannedCheckout {
    const userId = this.richUser();
    const count = intBetween(this.random, 1, MAX_ITEMS_PER_CHECKOUT);
    const items = this.distinctStockedItems(count);
    return { userId, items, couponId: this.maybeCoupon(userId), expect: 'COMPLETED' };
  }

  private outOfStock(): PlannedCheckout {
    const userId = this.richUser();
    const soldOut = pick(this.random, this.fixtures.soldOut);
    const items = [...this.distinctStockedItems(1), { productId: soldOut.id, quantity: 1 }];
    return { userId, items, couponId: this.maybeCoupon(userId), expect: 'OUT_OF_STOCK' };
  }

  private insufficientBalance(): PlannedCheckout {
    const userId = this.fixtures.poorUsers[this.nextPoor++ % this.fixtures.poorUsers.length].id;
    return {
      userId,
      items: this.distinctStockedItems(1),
      couponId: this.maybeCoupon(userId),
      expect: 'INSUFFICIENT_BALANCE',
    };
  }

  private richUser(): string {
    return this.fixtures.richUsers[this.nextRich++ % this.fixtures.richUsers.length].id;
  }

  private distinctStockedItems(count: number): PlannedCheckout['items'] {
    const chosen = new Map<string, number>();
    while (chosen.size < Math.min(count, this.fixtures.stocked.length)) {
      chosen.set(pick(this.random, this.fixtures.stocked).id, intBetween(this.random, 1, MAX_UNITS_PER_ITEM));
    }
    return [...chosen].map(([productId, quantity]) => ({ productId, quantity }));
  }

  private maybeCoupon(userId: string): string | null {
    if (this.random() >= this.shares.withCoupon) return null;
    return this.fixtures.grants.get(userId)?.shift() ?? null;
  }
}

/** Hot product: every checkout buys one unit of the same product; stock runs out part-way on purpose. */
export class HotProductMix implements CheckoutSource {
  private nextUser = 0;

  constructor(
    private readonly fixtures: Fixtures,
    private readonly shares: MixShares,
    private readonly random: Random,
  ) {}

  next(): PlannedCheckout {
    const userId = this.fixtures.richUsers[this.nextUser++ % this.fixtures.richUsers.length].id;
    const couponId =
      this.random() < this.shares.withCoupon ? (this.fixtures.grants.get(userId)?.shift() ?? null) : null;
    return { userId, items: [{ productId: this.fixtures.stocked[0].id, quantity: 1 }], couponId, expect: 'ANY' };
  }
}
