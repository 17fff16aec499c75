import { FailureReason } from '@saga/contracts';
import { OrderView, OwnedCoupon } from './api-client';
import { Scenario } from './scenario';
import { sleep, waitFor } from './wait';

export interface InvariantOptions {
  /** Bound within which every order of the scenario must be COMPLETED or CANCELLED. */
  terminalWithinMs: number;
  /** Bound within which compensations (stock, coupon, balance) must have landed after that. */
  convergeWithinMs?: number;
}

/**
 * The saga's invariants over everything a scenario created, checked through the services' own APIs
 * and the events they published:
 * - every order is terminal in time, with consistent money (total = subtotal - discount) and a known
 *   failure reason when cancelled;
 * - per product: stock = initial - units of COMPLETED orders (nothing left reserved, nothing restored twice);
 * - per user: balance = initial - totals of their COMPLETED orders;
 * - per owned coupon: USED by exactly the one COMPLETED order that used it, otherwise AVAILABLE again;
 * - per order on the wire: at most one of each participant's success events, COMPLETED has exactly one
 *   OrderCompleted and no failure, CANCELLED has none.
 */
export async function assertInvariants(scenario: Scenario, opts: InvariantOptions): Promise<Map<string, OrderView>> {
  const orders = await scenario.settleAll(opts.terminalWithinMs);
  const orderProblems = [...orders.values()].flatMap((o) => orderConsistency(scenario, o));
  expect(orderProblems).toEqual([]);

  await waitFor(
    `state invariants of scenario "${scenario.name}"`,
    () => stateMismatches(scenario, orders),
    (mismatches) => mismatches.length === 0,
    { timeoutMs: opts.convergeWithinMs ?? 20000, intervalMs: 300 },
  );
  await waitFor(
    `event invariants of scenario "${scenario.name}"`,
    async () => eventMismatches(scenario, orders),
    (mismatches) => mismatches.length === 0,
    { timeoutMs: 10000, intervalMs: 300 },
  );
  return orders;
}

/** Re-checks after a quiet period: an effect applied twice shows up only once the second copy lands. */
export async function assertInvariantsStayTrue(scenario: Scenario, quietMs: number): Promise<void> {
  await sleep(quietMs);
  const orders = await scenario.settleAll(1000);
  expect(await stateMismatches(scenario, orders)).toEqual([]);
  expect(eventMismatches(scenario, orders)).toEqual([]);
}

function orderConsistency(scenario: Scenario, o: OrderView): string[] {
  const problems: string[] = [];
  const say = (what: string) => problems.push(`order ${o.orderId} (${o.status}): ${what}`);
  const subtotal = o.items.reduce((sum, i) => sum + i.quantity * i.unitPrice, 0);
  if (o.subtotal !== subtotal) say(`subtotal ${o.subtotal} != sum of lines ${subtotal}`);
  for (const item of o.items) {
    const product = scenario.products.get(item.productId);
    if (product && product.price !== item.unitPrice) say(`unitPrice ${item.unitPrice} != price ${product.price}`);
  }
  if (o.status === 'COMPLETED') {
    if (o.total !== o.subtotal - o.discount) say(`total ${o.total} != subtotal ${o.subtotal} - discount ${o.discount}`);
    if (o.discount < 0 || o.discount > o.subtotal) say(`discount ${o.discount} outside [0, subtotal]`);
    if (o.failureReason) say(`completed with failureReason ${o.failureReason}`);
  } else if (!FailureReason.options.includes(o.failureReason as FailureReason)) {
    say(`cancelled with unknown failureReason ${String(o.failureReason)}`);
  }
  return problems;
}

async function stateMismatches(scenario: Scenario, orders: Map<string, OrderView>): Promise<string[]> {
  const completed = [...orders.values()].filter((o) => o.status === 'COMPLETED');
  const mismatches: string[] = [];

  for (const [productId, { initialStock }] of scenario.products) {
    const sold = completed.flatMap((o) => o.items).filter((i) => i.productId === productId);
    const expected = initialStock - sold.reduce((sum, i) => sum + i.quantity, 0);
    const { stock } = await scenario.api.getProduct(productId);
    if (stock !== expected) mismatches.push(`product ${productId}: stock ${stock}, expected ${expected}`);
    const sales = await scenario.api.getSales(productId);
    const units = initialStock - expected;
    const revenue = sold.reduce((sum, i) => sum + i.quantity * i.unitPrice, 0);
    if (sales.unitsSold !== units || sales.revenue !== revenue) {
      mismatches.push(`product ${productId}: sales ${JSON.stringify(sales)}, expected ${units} units / ${revenue}`);
    }
  }

  for (const [userId, { initialBalance }] of scenario.users) {
    const spent = completed.filter((o) => o.userId === userId).reduce((sum, o) => sum + o.total, 0);
    const { balance } = await scenario.api.getUser(userId);
    if (balance !== initialBalance - spent) {
      mismatches.push(`user ${userId}: balance ${balance}, expected ${initialBalance - spent}`);
    }
  }

  for (const [couponId, { owners }] of scenario.coupons) {
    const usedBy = completed.filter((o) => scenario.orders.get(o.orderId)?.body.couponId === couponId);
    for (const o of usedBy) {
      if (!owners.has(o.userId)) mismatches.push(`coupon ${couponId}: completed order ${o.orderId} of non-owner`);
    }
    for (const owner of owners) {
      const uses = usedBy.filter((o) => o.userId === owner);
      if (uses.length > 1) mismatches.push(`coupon ${couponId}: ${uses.length} completed orders of ${owner}`);
      const expected = uses.length === 1 ? { status: 'USED', usedByOrderId: uses[0].orderId } : { status: 'AVAILABLE' };
      const actual = ownedCoupon(await scenario.api.myCoupons(owner), couponId);
      if (
        actual?.status !== expected.status ||
        (expected.usedByOrderId && actual.usedByOrderId !== expected.usedByOrderId)
      ) {
        mismatches.push(
          `coupon ${couponId} of ${owner}: ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`,
        );
      }
    }
  }
  return mismatches;
}

const ONCE_AT_MOST = [
  'StockReserved',
  'CouponApplied',
  'OrderProcessingSucceeded',
  'PaymentRequested',
  'PaymentSucceeded',
  'PaymentFailed',
];

function eventMismatches(scenario: Scenario, orders: Map<string, OrderView>): string[] {
  const mismatches: string[] = [];
  for (const o of orders.values()) {
    const count = (type: string) => scenario.tap.eventsOf(o.orderId, type).length;
    for (const type of ONCE_AT_MOST) {
      if (count(type) > 1) mismatches.push(`order ${o.orderId}: ${count(type)} distinct ${type} events`);
    }
    if (o.status === 'COMPLETED') {
      if (count('OrderCompleted') !== 1)
        mismatches.push(`order ${o.orderId}: ${count('OrderCompleted')} OrderCompleted`);
      if (count('OrderProcessingFailed') + count('PaymentFailed') > 0) {
        mismatches.push(`order ${o.orderId}: COMPLETED but a failure event was published`);
      }
    } else if (count('OrderCompleted') > 0) {
      mismatches.push(`order ${o.orderId}: CANCELLED but OrderCompleted was published`);
    }
  }
  return mismatches;
}

/** One coupon of a GET /coupons/mine answer (the caller's coupons). */
function ownedCoupon(mine: OwnedCoupon[], couponId: string): OwnedCoupon | undefined {
  return mine.find((c) => c.couponId === couponId);
}
