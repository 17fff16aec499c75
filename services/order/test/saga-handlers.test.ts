import { randomUUID } from 'node:crypto';
import {
  CouponApplied,
  createEvent,
  OrderProcessingFailed,
  PaymentFailed,
  PaymentSucceeded,
  StockReserved,
} from '@saga/contracts';
import { flushRedisDatabase } from '@saga/test-harness/src/saga-suite/redis-control';
import { readAll, testKafka, waitFor } from '@saga/test-harness';
import { OrderInstance, OrderTestEnv } from './support';

/**
 * The order service's saga reactions against real PostgreSQL, Kafka and Redis, with TWO instances
 * sharing the database, topics and consumer groups (like two replicas).
 */
jest.setTimeout(120_000);

describe('order saga handlers (two instances, real infra)', () => {
  const t = new OrderTestEnv();
  let a: OrderInstance;
  let b: OrderInstance;

  beforeAll(async () => {
    await t.setUp();
    a = t.instance();
    b = t.instance();
    await Promise.all([a.start(), b.start()]);
    await Promise.all([a.consumersJoined(), b.consumersJoined()]);
    // both instances are members of the service's consumer group, like two replicas
    // ConsumerHost prefixes group ids with the topic prefix
    const admin = testKafka().admin();
    await admin.connect();
    const groups = await admin.describeGroups([t.group()]);
    await admin.disconnect();
    expect(groups.groups[0]!.members).toHaveLength(2);
    await t.setPrice('apple', 10_000);
  });

  afterAll(() => t.tearDown());

  async function placeOrder(couponId: string | null): Promise<string> {
    const { orderId } = await a.placeOrder.execute({
      userId: 'alice',
      idempotencyKey: randomUUID(),
      items: [{ productId: 'apple', quantity: 1 }],
      couponId,
    });
    return orderId;
  }

  const stockReserved = (orderId: string) =>
    createEvent(StockReserved, {
      orderId,
      causationId: null,
      payload: { items: [{ productId: 'apple', quantity: 1 }] },
    });
  const couponApplied = (orderId: string, discount = 2_500) =>
    createEvent(CouponApplied, {
      orderId,
      causationId: null,
      payload: { couponId: 'c-1', userId: 'alice', discountType: 'FIXED', discountValue: discount, discount },
    });
  const processed = async (eventId: string) => {
    const { rows } = await t.pg.query(`SELECT 1 FROM processed_message WHERE event_id = $1`, [eventId]);
    return rows.length > 0;
  };
  const statusOf = async (orderId: string) => (await t.order(orderId))?.status;

  it('emits OrderProcessingSucceeded exactly once per order when both branches arrive concurrently', async () => {
    const orderIds = await Promise.all(Array.from({ length: 20 }, () => placeOrder('c-1')));
    await Promise.all(orderIds.flatMap((id) => [t.inject(stockReserved(id)), t.inject(couponApplied(id))]));

    await waitFor(
      async () => {
        const { rows } = await t.pg.query(
          `SELECT count(*)::int AS n FROM "order" WHERE id = ANY($1::uuid[]) AND processing_succeeded_at IS NOT NULL`,
          [orderIds],
        );
        return rows[0].n === orderIds.length;
      },
      { description: 'every order processed', timeoutMs: 60_000 },
    );

    for (const id of orderIds) {
      const events = await t.emitted('OrderProcessingSucceeded', id);
      expect(events).toHaveLength(1);
      expect(events[0]!.payload).toEqual({ userId: 'alice', subtotal: 10_000, discount: 2_500, total: 7_500 });
    }
    // the next step follows once per order: PAYMENT_REQUESTED and one PaymentRequested for the total
    await waitFor(
      async () => {
        const { rows } = await t.pg.query(
          `SELECT count(*)::int AS n FROM "order" WHERE id = ANY($1::uuid[]) AND status = 'PAYMENT_REQUESTED'`,
          [orderIds],
        );
        return rows[0].n === orderIds.length;
      },
      { description: 'payment requested for every order', timeoutMs: 60_000 },
    );
    for (const id of orderIds) {
      const payments = await t.emitted('PaymentRequested', id);
      expect(payments.map((p) => p.payload)).toEqual([{ userId: 'alice', amount: 7_500 }]);
    }
  });

  it('an order without a coupon does not wait for the coupon branch; completes on PaymentSucceeded once', async () => {
    const orderId = await placeOrder(null);
    await t.inject(stockReserved(orderId));
    await waitFor(async () => (await statusOf(orderId)) === 'PAYMENT_REQUESTED', { description: 'payment requested' });

    const paid = createEvent(PaymentSucceeded, {
      orderId,
      causationId: null,
      payload: { userId: 'alice', amount: 10_000 },
    });
    await t.inject(paid);
    await t.inject(paid); // redelivery of the same event
    await t.inject(
      createEvent(PaymentSucceeded, { orderId, causationId: null, payload: { userId: 'alice', amount: 10_000 } }),
    );
    await waitFor(async () => (await statusOf(orderId)) === 'COMPLETED', { description: 'completed' });
    await waitFor(() => processed(paid.eventId));

    const completed = await waitFor(
      async () => {
        const messages = await readAll(`${t.prefix}order.processed`);
        return messages.filter((m) => m.key === orderId).length > 0 ? messages.filter((m) => m.key === orderId) : null;
      },
      { description: 'OrderCompleted on Kafka' },
    );
    expect(completed).toHaveLength(1);
    expect(JSON.parse(completed[0]!.value!)).toMatchObject({
      type: 'OrderCompleted',
      payload: { total: 10_000, discount: 0, couponId: null },
    });
    expect(await t.emitted('OrderCompleted', orderId)).toHaveLength(1);
  });

  it('duplicate deliveries (same event twice, and a re-emitted success) never emit twice', async () => {
    const orderId = await placeOrder('c-1');
    const events = [stockReserved(orderId), stockReserved(orderId), couponApplied(orderId), couponApplied(orderId)];
    await t.inject(events[0]!);
    await t.inject(events[0]!);
    for (const event of events.slice(1)) await t.inject(event);
    for (const event of events)
      await waitFor(() => processed(event.eventId), { description: `${event.type} processed` });
    expect(await statusOf(orderId)).toBe('PAYMENT_REQUESTED');
    expect(await t.emitted('OrderProcessingSucceeded', orderId)).toHaveLength(1);
    expect(await t.emitted('PaymentRequested', orderId)).toHaveLength(1);
  });

  it('a success after the fail event is ignored: the order stays CANCELLED and nothing is emitted', async () => {
    const orderId = await placeOrder('c-1');
    await t.inject(
      createEvent(OrderProcessingFailed, {
        orderId,
        causationId: null,
        payload: { reason: 'OUT_OF_STOCK', failedBy: 'product' },
      }),
    );
    await waitFor(async () => (await statusOf(orderId)) === 'CANCELLED', { description: 'cancelled' });
    const late = couponApplied(orderId);
    await t.inject(late);
    await waitFor(() => processed(late.eventId), { description: 'late coupon success processed' });

    const row = await t.order(orderId);
    expect(row).toMatchObject({ status: 'CANCELLED', failure_reason: 'OUT_OF_STOCK', coupon_applied: false });
    expect(await t.emitted('OrderProcessingSucceeded', orderId)).toHaveLength(0);
  });

  it('a PaymentSucceeded after PaymentFailed leaves the order CANCELLED; a COMPLETED order is never cancelled', async () => {
    const orderId = await placeOrder(null);
    await t.inject(stockReserved(orderId));
    await waitFor(async () => (await statusOf(orderId)) === 'PAYMENT_REQUESTED');
    await t.inject(
      createEvent(PaymentFailed, {
        orderId,
        causationId: null,
        payload: { userId: 'alice', amount: 10_000, reason: 'INSUFFICIENT_BALANCE' },
      }),
    );
    await waitFor(async () => (await statusOf(orderId)) === 'CANCELLED');
    const late = createEvent(PaymentSucceeded, {
      orderId,
      causationId: null,
      payload: { userId: 'alice', amount: 10_000 },
    });
    await t.inject(late);
    await waitFor(() => processed(late.eventId));
    expect(await t.order(orderId)).toMatchObject({ status: 'CANCELLED', failure_reason: 'INSUFFICIENT_BALANCE' });
    expect(await t.emitted('OrderCompleted', orderId)).toHaveLength(0);

    const done = await placeOrder(null);
    await t.inject(stockReserved(done));
    await waitFor(async () => (await statusOf(done)) === 'PAYMENT_REQUESTED');
    await t.inject(
      createEvent(PaymentSucceeded, { orderId: done, causationId: null, payload: { userId: 'alice', amount: 10_000 } }),
    );
    await waitFor(async () => (await statusOf(done)) === 'COMPLETED');
    const fail = createEvent(OrderProcessingFailed, {
      orderId: done,
      causationId: null,
      payload: { reason: 'TIMEOUT', failedBy: 'order' },
    });
    await t.inject(fail);
    await waitFor(() => processed(fail.eventId));
    expect(await statusOf(done)).toBe('COMPLETED');
  });

  it('Redis flushed between the two branch arrivals still completes exactly once (state rebuilt from the order row)', async () => {
    const orderId = await placeOrder('c-1');
    await t.inject(stockReserved(orderId));
    await waitFor(async () => (await t.order(orderId))?.stock_reserved === true, { description: 'stock recorded' });
    const key = `${t.prefix}order:processing:${orderId}`;
    expect(await a.redis.exists(key)).toBe(1);

    await flushRedisDatabase(t.env().REDIS_URL);
    expect(await a.redis.exists(key)).toBe(0);

    await t.inject(couponApplied(orderId));
    await waitFor(async () => (await t.order(orderId))?.processing_succeeded_at !== null, {
      description: 'processing succeeded',
    });
    expect(await t.emitted('OrderProcessingSucceeded', orderId)).toHaveLength(1);
    expect(await a.redis.hgetall(key)).toMatchObject({ stock: '1', coupon: '1' });
  });

  it('an invalid event goes to the dead-letter topic and the consumer keeps going', async () => {
    const orderId = await placeOrder(null);
    await t.injectRaw('order.processing.stock.success', orderId, JSON.stringify({ type: 'StockReserved', orderId }));
    await t.inject(stockReserved(orderId));
    await waitFor(async () => (await statusOf(orderId)) === 'PAYMENT_REQUESTED', {
      description: 'next valid event processed',
    });
    const dead = await waitFor(
      async () => {
        const messages = await readAll(`${t.prefix}order.processing.stock.success.dlq`);
        return messages.find((m) => m.key === orderId);
      },
      { description: 'dead letter' },
    );
    expect(Object.keys(dead.headers)).toEqual(expect.arrayContaining(['x-dlq-error']));
  });
});
