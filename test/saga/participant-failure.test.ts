/**
 * The saga when a participant or the aggregator's state disappears mid-flight: a SIGKILLed user service
 * (the order deadline cancels with TIMEOUT, stock and coupons are compensated, the restarted service
 * does not double-act) and a flushed Redis (every order still ends terminal exactly once).
 */
import { Topics } from '@saga/contracts';
import { OrderView } from '../support/api-client';
import { assertInvariants, assertInvariantsStayTrue } from '../support/invariants';
import { Scenario } from '../support/scenario';
import { expectCancelled, useSagaSuite } from '../support/suite';
import { sleep } from '../support/wait';
import { flushRedisDatabase } from '../../libs/test-harness/src/saga-suite';

const SAGA_TIMEOUT_MS = 8000;
const suite = useSagaSuite({
  sagaTimeoutMs: SAGA_TIMEOUT_MS,
  redisDatabase: 12,
  terminalWithinMs: SAGA_TIMEOUT_MS + 60000,
});

async function buyersWithCoupons(s: Scenario, count: number): Promise<{ user: string; coupon: string }[]> {
  const buyers = [];
  for (let i = 0; i < count; i += 1) {
    const user = await s.user(100000);
    buyers.push({ user, coupon: await s.coupon('FIXED', 100, [user]) });
  }
  return buyers;
}

describe('checkout saga: a participant stops mid-saga', () => {
  it('cancels with TIMEOUT while the user service is killed, compensates, and nothing double-acts after restart', async () => {
    const s = suite.scenario('user service killed');
    const p = await s.product(1000, 20);
    const buyers = await buyersWithCoupons(s, 6);
    await s.awaitOrderable(p);
    const order = (b: { user: string; coupon: string }) =>
      s.placeOrder(b.user, { items: [{ productId: p, quantity: 2 }], couponId: b.coupon });

    const inFlight = await Promise.all(buyers.slice(0, 3).map(order));
    await suite.platform.kill('user');
    suite.monitor.tolerate('user');
    const afterKill = await Promise.all(buyers.slice(3).map(order));

    const settled = await Promise.all([...inFlight, ...afterKill].map((id) => s.settle(id, SAGA_TIMEOUT_MS + 60000)));
    for (const o of settled.slice(3)) expectCancelled(o, 'TIMEOUT');
    for (const o of settled.slice(0, 3)) {
      if (o.status === 'CANCELLED') expectCancelled(o, 'TIMEOUT');
    }

    await suite.platform.startService('user');
    await sleep(2000); // the deadline's failure events leave the order outbox shortly after the status commit
    // The restarted service works through its backlog: payment requests and failures of cancelled orders.
    const userTopics = [Topics.OrderPayment, Topics.OrderProcessingFail, Topics.OrderPaymentFail].map((t) =>
      suite.injector.topic(t),
    );
    for (const record of suite.tap.all().filter((r) => s.orders.has(r.key ?? '') && userTopics.includes(r.topic))) {
      await suite.injector.waitUntilConsumed(record, ['user'], { timeoutMs: 90000 });
    }
    await assertInvariants(s, { terminalWithinMs: 1000, convergeWithinMs: 30000 });
    await assertInvariantsStayTrue(s, 2000);
    expect(await statuses(s, settled)).toEqual(new Map(settled.map((o) => [o.orderId, o.status])));
  });
});

describe('checkout saga: the aggregator state is lost', () => {
  it('ends every order terminal exactly once when Redis is flushed while orders are in flight', async () => {
    const s = suite.scenario('redis flushed');
    const p = await s.product(1000, 20);
    const buyers = await buyersWithCoupons(s, 8);
    await s.awaitOrderable(p);

    const placing = Promise.all(
      buyers.map((b) => s.placeOrder(b.user, { items: [{ productId: p, quantity: 1 }], couponId: b.coupon })),
    );
    await flushRedisDatabase(suite.platform.redisUrl);
    const ids = await placing;
    const beforeFlush = await Promise.all(ids.map((id) => s.order(id)));
    await flushRedisDatabase(suite.platform.redisUrl);
    // the flush above must have hit sagas in flight, else this scenario proves nothing
    expect(beforeFlush.filter((o) => o.status !== 'COMPLETED' && o.status !== 'CANCELLED').length).toBeGreaterThan(0);
    for (const pause of [100, 300, 600]) {
      await sleep(pause);
      await flushRedisDatabase(suite.platform.redisUrl);
    }

    const settled = await Promise.all(ids.map((id) => s.settle(id, SAGA_TIMEOUT_MS + 60000)));
    for (const o of settled) {
      if (o.status === 'CANCELLED') expectCancelled(o, 'TIMEOUT');
    }
    await assertInvariants(s, { terminalWithinMs: 1000, convergeWithinMs: 30000 });
    await assertInvariantsStayTrue(s, 2000);
    expect(await statuses(s, settled)).toEqual(new Map(settled.map((o) => [o.orderId, o.status])));
  });
});

/** The orders' statuses now, to compare with what they settled to: a terminal status never changes. */
async function statuses(s: Scenario, settled: OrderView[]): Promise<Map<string, OrderView['status']>> {
  const views = await Promise.all(settled.map((o) => s.order(o.orderId)));
  return new Map(views.map((v) => [v.orderId, v.status]));
}
