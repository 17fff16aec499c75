/**
 * The compensating flows of the checkout saga across the four real services (processes built from
 * services/<name>/dist) on real Kafka, PostgreSQL and Redis. Invariants are asserted after every test.
 */
import { randomUUID } from 'node:crypto';
import {
  CouponApplied,
  createEvent,
  deadLetterTopicOf,
  OrderPlaced,
  OrderProcessingFailed,
  PaymentSucceeded,
  StockReserved,
  Topics,
} from '@saga/contracts';
import { assertInvariantsStayTrue } from '../support/invariants';
import { expectCancelled, useSagaSuite } from '../support/suite';
import { sleep, waitFor } from '../support/wait';

const suite = useSagaSuite({ sagaTimeoutMs: 120000, redisDatabase: 11, terminalWithinMs: 60000 });
/** After a record is consumed, its outbox effects reach Kafka within this grace period. */
const RELAY_GRACE_MS = 2000;

describe('checkout saga: happy paths', () => {
  it('completes an order without a coupon and debits exactly its total', async () => {
    const s = suite.scenario('happy without coupon');
    const p = await s.product(1250, 10);
    const u = await s.user(100000);
    const orderId = await s.placeOrder(u, { items: [{ productId: p, quantity: 3 }] });

    const order = await s.settle(orderId);
    expect(order).toMatchObject({ status: 'COMPLETED', subtotal: 3750, discount: 0, total: 3750 });
    expect(order.items).toEqual([{ productId: p, quantity: 3, unitPrice: 1250 }]);
  });

  it('completes orders with a FIXED and a PERCENT coupon and marks each coupon USED', async () => {
    const s = suite.scenario('happy with coupon');
    const p = await s.product(2000, 10);
    const u = await s.user(100000);
    const fixed = await s.coupon('FIXED', 500, [u]);
    const percent = await s.coupon('PERCENT', 10, [u]);

    const withFixed = await s.placeOrder(u, { items: [{ productId: p, quantity: 2 }], couponId: fixed });
    const withPercent = await s.placeOrder(u, { items: [{ productId: p, quantity: 1 }], couponId: percent });

    expect(await s.settle(withFixed)).toMatchObject({
      status: 'COMPLETED',
      subtotal: 4000,
      discount: 500,
      total: 3500,
    });
    expect(await s.settle(withPercent)).toMatchObject({
      status: 'COMPLETED',
      subtotal: 2000,
      discount: 200,
      total: 1800,
    });
  });
});

describe('checkout saga: a participant refuses', () => {
  it('cancels OUT_OF_STOCK and gives the already applied coupon back', async () => {
    const s = suite.scenario('out of stock');
    const p = await s.product(1000, 2);
    const u = await s.user(100000);
    const c = await s.coupon('FIXED', 100, [u]);
    const orderId = await s.placeOrder(u, { items: [{ productId: p, quantity: 3 }], couponId: c });

    expectCancelled(await s.settle(orderId), 'OUT_OF_STOCK');
  });

  it('reserves nothing for an order naming a product the product service does not have', async () => {
    // Order only accepts checkouts of products it knows, so the honest way to get an unknown product to
    // the product service is an OrderPlaced injected on order.processing (as a stale replica would send).
    const s = suite.scenario('unknown product');
    const p = await s.product(1000, 5);
    const u = await s.user(100000);
    const c = await s.coupon('FIXED', 100, [u]);
    const orderId = s.id('o-injected');
    await suite.inject(
      createEvent(OrderPlaced, {
        orderId,
        causationId: null,
        payload: {
          userId: u,
          couponId: c,
          subtotal: 1700,
          items: [
            { productId: p, quantity: 1, unitPrice: 1000 },
            { productId: s.id('p-ghost'), quantity: 1, unitPrice: 700 },
          ],
        },
      }),
    );

    const [failure] = await waitFor(
      'OrderProcessingFailed for the injected order',
      async () => suite.tap.eventsOf(orderId, 'OrderProcessingFailed'),
      (events) => events.length > 0,
      { timeoutMs: 30000 },
    );
    expect(failure.payload).toMatchObject({ reason: 'UNKNOWN_PRODUCT', failedBy: 'product' });
    // invariants: stock of p untouched (no partial reservation), coupon AVAILABLE again, no debit
  });

  it('cancels COUPON_NOT_FOUND for a coupon that does not exist and restores the stock', async () => {
    const s = suite.scenario('coupon not found');
    const p = await s.product(1000, 5);
    const u = await s.user(100000);
    const orderId = await s.placeOrder(u, { items: [{ productId: p, quantity: 2 }], couponId: s.id('c-missing') });

    expectCancelled(await s.settle(orderId), 'COUPON_NOT_FOUND');
  });

  it('cancels COUPON_NOT_OWNED for somebody else’s coupon and restores the stock', async () => {
    const s = suite.scenario('foreign coupon');
    const p = await s.product(1000, 5);
    const owner = await s.user(100000);
    const thief = await s.user(100000);
    const c = await s.coupon('FIXED', 300, [owner]);
    const orderId = await s.placeOrder(thief, { items: [{ productId: p, quantity: 2 }], couponId: c });

    expectCancelled(await s.settle(orderId), 'COUPON_NOT_OWNED');
  });

  it('cancels COUPON_ALREADY_USED for a coupon a completed order used', async () => {
    const s = suite.scenario('used coupon');
    const p = await s.product(1000, 5);
    const u = await s.user(100000);
    const c = await s.coupon('FIXED', 300, [u]);
    const first = await s.placeOrder(u, { items: [{ productId: p, quantity: 1 }], couponId: c });
    expect(await s.settle(first)).toMatchObject({ status: 'COMPLETED', total: 700 });

    const second = await s.placeOrder(u, { items: [{ productId: p, quantity: 1 }], couponId: c });
    expectCancelled(await s.settle(second), 'COUPON_ALREADY_USED');
  });

  it('lets exactly one of two concurrent orders use the same coupon', async () => {
    const s = suite.scenario('coupon raced');
    const p = await s.product(1000, 5);
    const u = await s.user(100000);
    const c = await s.coupon('FIXED', 300, [u]);
    await s.awaitOrderable(p);
    const ids = await Promise.all(
      [1, 2].map(() => s.placeOrder(u, { items: [{ productId: p, quantity: 1 }], couponId: c })),
    );

    const orders = await Promise.all(ids.map((id) => s.settle(id)));
    expect(orders.map((o) => o.status).sort()).toEqual(['CANCELLED', 'COMPLETED']);
    expectCancelled(
      orders.find((o) => o.status === 'CANCELLED')!,
      'COUPON_ALREADY_USED',
    );
  });

  it('cancels INSUFFICIENT_BALANCE after reserving, and restores stock and coupon', async () => {
    const s = suite.scenario('insufficient balance');
    const p = await s.product(5000, 4);
    const u = await s.user(1000);
    const c = await s.coupon('FIXED', 500, [u]);
    const orderId = await s.placeOrder(u, { items: [{ productId: p, quantity: 2 }], couponId: c });

    expectCancelled(await s.settle(orderId), 'INSUFFICIENT_BALANCE');
    expect(suite.tap.eventsOf(orderId, 'PaymentFailed')).toHaveLength(1);
  });

  it('completes exactly one of two orders when the balance pays for one', async () => {
    const s = suite.scenario('balance for one');
    const p = await s.product(1000, 5);
    const u = await s.user(1500);
    await s.awaitOrderable(p);
    const ids = await Promise.all([1, 2].map(() => s.placeOrder(u, { items: [{ productId: p, quantity: 1 }] })));

    const orders = await Promise.all(ids.map((id) => s.settle(id)));
    expect(orders.map((o) => o.status).sort()).toEqual(['CANCELLED', 'COMPLETED']);
    expectCancelled(
      orders.find((o) => o.status === 'CANCELLED')!,
      'INSUFFICIENT_BALANCE',
    );
  });
});

describe('checkout saga: events out of order', () => {
  it('never reserves for an OrderPlaced that arrives after the order was failed', async () => {
    const s = suite.scenario('fail before reserve');
    const p = await s.product(1000, 5);
    const u = await s.user(100000);
    const c = await s.coupon('FIXED', 100, [u]);
    const orderId = s.id('o-late');

    const failed = await suite.inject(
      createEvent(OrderProcessingFailed, {
        orderId,
        causationId: null,
        payload: { reason: 'TIMEOUT', failedBy: 'order', detail: 'saga suite: deadline before OrderPlaced' },
      }),
    );
    await suite.injector.waitUntilConsumed(failed, ['product', 'coupon'], { timeoutMs: 30000, minGroups: 2 });
    const placed = await suite.inject(
      createEvent(OrderPlaced, {
        orderId,
        causationId: null,
        payload: { userId: u, couponId: c, subtotal: 2000, items: [{ productId: p, quantity: 2, unitPrice: 1000 }] },
      }),
    );
    await suite.injector.waitUntilConsumed(placed, ['product', 'coupon'], { timeoutMs: 30000, minGroups: 2 });

    expect((await s.api.getProduct(p)).stock).toBe(5);
    await sleep(RELAY_GRACE_MS);
    expect(suite.tap.eventsOf(orderId, 'StockReserved')).toEqual([]);
    expect(suite.tap.eventsOf(orderId, 'CouponApplied')).toEqual([]);
  });

  it('ignores success events that arrive for an order already cancelled', async () => {
    const s = suite.scenario('success after fail');
    const p = await s.product(1000, 2);
    const u = await s.user(100000);
    const c = await s.coupon('FIXED', 100, [u]);
    const orderId = await s.placeOrder(u, { items: [{ productId: p, quantity: 3 }], couponId: c });
    expectCancelled(await s.settle(orderId), 'OUT_OF_STOCK');

    const late = [
      createEvent(StockReserved, { orderId, causationId: null, payload: { items: [{ productId: p, quantity: 3 }] } }),
      createEvent(CouponApplied, {
        orderId,
        causationId: null,
        payload: { couponId: c, userId: u, discountType: 'FIXED', discountValue: 100, discount: 100 },
      }),
      createEvent(PaymentSucceeded, { orderId, causationId: null, payload: { userId: u, amount: 2900 } }),
    ];
    for (const event of late) {
      const record = await suite.inject(event);
      await suite.injector.waitUntilConsumed(record, ['order'], { timeoutMs: 30000 });
    }

    await sleep(RELAY_GRACE_MS);
    expectCancelled(await s.order(orderId), 'OUT_OF_STOCK');
    expect(suite.tap.eventsOf(orderId, 'OrderProcessingSucceeded')).toEqual([]);
    expect(suite.tap.eventsOf(orderId, 'PaymentRequested')).toEqual([]);
    expect(suite.tap.eventsOf(orderId, 'OrderCompleted')).toEqual([]);
  });
});

describe('checkout saga: bad input on the wire', () => {
  it('dead-letters an invalid event with its validation error and keeps the sagas going', async () => {
    const s = suite.scenario('poison events');
    const p = await s.product(1000, 5);
    const u = await s.user(100000);
    const poisoned = [
      Topics.OrderProcessing,
      Topics.OrderProcessingStockSuccess,
      Topics.OrderPayment,
      Topics.OrderProcessingFail,
    ];
    const injected = [];
    for (const topic of poisoned) {
      const key = s.id('poison');
      const value = JSON.stringify({
        ...createEvent(OrderProcessingFailed, {
          orderId: key,
          causationId: null,
          payload: { reason: 'TIMEOUT', failedBy: 'order' },
        }),
        type: 'OrderPlaced',
      });
      injected.push({
        key,
        topic,
        record: await suite.injector.publishRaw({ topic: suite.injector.topic(topic), key, value }),
      });
    }

    for (const { key, topic, record } of injected) {
      const groups = await suite.injector.waitUntilConsumed(record, ['order', 'product', 'coupon', 'user'], {
        timeoutMs: 60000,
      });
      const letters = await waitFor(
        `dead letters of the poison record on ${topic}`,
        async () => suite.tap.forOrder(key).filter((r) => r.topic === suite.injector.topic(deadLetterTopicOf(topic))),
        (found) => found.length === groups.length,
        { timeoutMs: 10000 },
      );
      for (const letter of letters) {
        expect(letter.headers['x-dlq-original-topic']).toBe(suite.injector.topic(topic));
        expect(letter.headers['x-dlq-error']).toMatch(/payload|OrderPlaced|invalid/i);
      }
    }
    const orderId = await s.placeOrder(u, { items: [{ productId: p, quantity: 1 }] });
    expect(await s.settle(orderId)).toMatchObject({ status: 'COMPLETED', total: 1000 });
  });
});

describe('checkout saga: redelivery and retries', () => {
  it('has one effect when every event of completed and cancelled sagas is delivered again', async () => {
    const s = suite.scenario('duplicate delivery');
    const p = await s.product(1000, 3);
    const rich = await s.user(100000);
    const poor = await s.user(100);
    const richCoupon = await s.coupon('FIXED', 100, [rich]);
    const poorCoupon = await s.coupon('FIXED', 100, [poor]);
    const completed = await s.placeOrder(rich, { items: [{ productId: p, quantity: 1 }], couponId: richCoupon });
    const unpaid = await s.placeOrder(poor, { items: [{ productId: p, quantity: 1 }], couponId: poorCoupon });
    const outOfStock = await s.placeOrder(rich, { items: [{ productId: p, quantity: 50 }] });
    expect(await s.settle(completed)).toMatchObject({ status: 'COMPLETED' });
    expectCancelled(await s.settle(unpaid), 'INSUFFICIENT_BALANCE');
    expectCancelled(await s.settle(outOfStock), 'OUT_OF_STOCK');
    await suite.assertInvariants();
    const orderIds = [completed, unpaid, outOfStock];

    await sleep(RELAY_GRACE_MS);
    const originals = suite.tap
      .all()
      .filter((r) => !r.topic.endsWith('.dlq'))
      .filter(
        (r) =>
          orderIds.includes(r.envelope?.orderId ?? '') ||
          (r.envelope?.type === 'ProductCatalogUpdated' &&
            (r.envelope.payload as { productId: string }).productId === p),
      );
    const types = new Set(originals.map((r) => r.envelope?.type));
    expect([...types].sort()).toEqual(
      [
        'CouponApplied',
        'OrderCompleted',
        'OrderPlaced',
        'OrderProcessingFailed',
        'OrderProcessingSucceeded',
        'PaymentFailed',
        'PaymentRequested',
        'PaymentSucceeded',
        'ProductCatalogUpdated',
        'StockReserved',
      ].sort(),
    );
    const before = new Map(orderIds.map((id) => [id, eventIdsOf(id)]));
    const stateBefore = await snapshot(p, [rich, poor], orderIds);

    const replayed = [];
    for (const r of originals) {
      replayed.push(
        await suite.injector.publishRaw({ topic: r.topic, key: r.key, value: r.value, headers: r.headers }),
      );
    }
    for (const record of replayed) {
      // OrderProcessingSucceeded is published for anyone who listens; no service of the platform consumes it
      const unconsumed = record.topic.endsWith(`.${Topics.OrderProcessingSuccess}`);
      await suite.injector.waitUntilConsumed(record, ['order', 'product', 'coupon', 'user'], {
        timeoutMs: 60000,
        minGroups: unconsumed ? 0 : 1,
      });
    }
    await sleep(RELAY_GRACE_MS);

    expect(await snapshot(p, [rich, poor], orderIds)).toEqual(stateBefore);
    for (const id of orderIds) expect(eventIdsOf(id)).toEqual(before.get(id));
    expect(suite.tap.all().filter((r) => r.topic.endsWith('.dlq') && orderIds.includes(r.key ?? ''))).toEqual([]);

    async function snapshot(productId: string, users: string[], orders: string[]) {
      return {
        stock: (await s.api.getProduct(productId)).stock,
        balances: await Promise.all(users.map(async (id) => (await s.api.getUser(id)).balance)),
        statuses: await Promise.all(orders.map(async (id) => (await s.api.getOrder(id, ownerOf(id))).status)),
        coupons: await Promise.all(users.map((id) => s.api.myCoupons(id))),
      };
    }
    function ownerOf(orderId: string): string {
      return orderId === unpaid ? poor : rich;
    }
    function eventIdsOf(orderId: string): string[] {
      const ids = suite.tap
        .forOrder(orderId)
        .filter((r) => r.envelope)
        .map((r) => r.envelope!.eventId);
      return [...new Set(ids)].sort();
    }
  });

  it('returns the same order for a retried checkout and refuses the key with another body', async () => {
    const s = suite.scenario('idempotent checkout');
    const p = await s.product(1000, 10);
    const u = await s.user(100000);
    const key = randomUUID();
    const body = { items: [{ productId: p, quantity: 2 }] };
    const orderId = await s.placeOrder(u, body, key);

    const retried = await s.checkout(u, body, key);
    expect(retried.status).toBeGreaterThanOrEqual(200);
    expect(retried.status).toBeLessThan(300);
    expect(retried.body.orderId).toBe(orderId);

    const otherBody = await s.checkout(u, { items: [{ productId: p, quantity: 3 }] }, key);
    expect(otherBody.status).toBe(422);

    const concurrentKey = randomUUID();
    const concurrent = await Promise.all(
      Array.from({ length: 5 }, () => s.checkout(u, { items: [{ productId: p, quantity: 1 }] }, concurrentKey)),
    );
    expect(concurrent.map((r) => r.status).filter((status) => status >= 300)).toEqual([]);
    expect(new Set(concurrent.map((r) => r.body.orderId)).size).toBe(1);
    // invariants: 3 units sold and 3000 debited in all, whatever the retries
  });

  it('sells the last unit to exactly one of 20 concurrent buyers', async () => {
    const s = suite.scenario('last unit race');
    const p = await s.product(1000, 1);
    await s.awaitOrderable(p);
    const buyers = [];
    for (let i = 0; i < 20; i += 1) buyers.push(await s.user(5000));

    const ids = await Promise.all(buyers.map((u) => s.placeOrder(u, { items: [{ productId: p, quantity: 1 }] })));
    const orders = await Promise.all(ids.map((id) => s.settle(id)));

    expect(orders.filter((o) => o.status === 'COMPLETED')).toHaveLength(1);
    const cancelled = orders.filter((o) => o.status === 'CANCELLED');
    expect(cancelled).toHaveLength(19);
    expect(cancelled.map((o) => o.failureReason)).toEqual(Array(19).fill('OUT_OF_STOCK'));
    await waitFor(
      'stock 0',
      () => s.api.getProduct(p),
      (prod) => prod.stock === 0,
      { timeoutMs: 20000 },
    );
    await assertInvariantsStayTrue(s, RELAY_GRACE_MS);
  });
});
