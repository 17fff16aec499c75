import { randomUUID } from 'node:crypto';
import { createEvent, OrderPlaced, OrderProcessingFailed, PaymentFailed, Topics } from '@saga/contracts';
import { testKafka, uniqueId, waitFor } from '@saga/test-harness';
import type { Consumer, Producer } from 'kafkajs';
import { call, CouponTestApp, createCoupon, startCouponApp } from './support';

jest.setTimeout(180_000);

describe('coupon as a saga participant (real Kafka, PostgreSQL)', () => {
  let t: CouponTestApp;
  let producer: Producer;
  let consumer: Consumer;
  const emitted: { topic: string; type: string; orderId: string; payload: any }[] = [];

  beforeAll(async () => {
    t = await startCouponApp();
    const kafka = testKafka();
    producer = kafka.producer();
    await producer.connect();
    consumer = kafka.consumer({ groupId: uniqueId('coupon-saga-watch') });
    await consumer.connect();
    await consumer.subscribe({
      topics: [t.topicPrefix + Topics.OrderProcessingCouponSuccess, t.topicPrefix + Topics.OrderProcessingFail],
      fromBeginning: true,
    });
    await consumer.run({
      eachMessage: async ({ topic, message }) => {
        const event = JSON.parse(message.value!.toString());
        emitted.push({ topic, type: event.type, orderId: event.orderId, payload: event.payload });
      },
    });
  });

  afterAll(async () => {
    await consumer?.disconnect();
    await producer?.disconnect();
    await t?.close();
  });

  const send = async (event: { orderId: string | null } & object, topic: string) =>
    producer.send({ topic: t.topicPrefix + topic, messages: [{ key: event.orderId, value: JSON.stringify(event) }] });
  const placed = (orderId: string, userId: string, couponId: string | null, subtotal = 20_000) =>
    createEvent(OrderPlaced, {
      orderId,
      causationId: null,
      payload: { userId, couponId, subtotal, items: [{ productId: 'p1', quantity: 1, unitPrice: subtotal }] },
    });
  const outcomesOf = (orderId: string) =>
    emitted.filter(
      (e) =>
        (e.orderId === orderId && e.type !== 'OrderProcessingFailed') ||
        (e.orderId === orderId && e.payload.failedBy === 'coupon'),
    );
  const usage = async (couponId: string, userId: string) =>
    (
      await t.sql.query(
        `SELECT status::text AS status, used_by_order_id FROM user_coupon WHERE coupon_id = $1 AND user_id = $2`,
        [couponId, userId],
      )
    ).rows[0];
  const grant = (couponId: string, userId: string) =>
    call(t, 'POST', `/coupons/${couponId}/grant`, t.token('admin', 'admin'), { userId });

  it('applies a held coupon once, with the discount, even when OrderPlaced is delivered twice', async () => {
    const couponId = await createCoupon(t, 10, { discountType: 'PERCENT', discountValue: 15 });
    await grant(couponId, 'alice');
    const orderId = `order-${randomUUID()}`;
    const event = placed(orderId, 'alice', couponId, 9_999);
    await send(event, Topics.OrderProcessing);
    await send(event, Topics.OrderProcessing);
    await send(placed(orderId, 'alice', couponId, 9_999), Topics.OrderProcessing); // same order, new eventId
    await waitFor(() => outcomesOf(orderId).length > 0, { description: 'CouponApplied' });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(outcomesOf(orderId)).toEqual([
      expect.objectContaining({
        type: 'CouponApplied',
        payload: expect.objectContaining({ couponId, discount: 1499, discountType: 'PERCENT' }),
      }),
    ]);
    expect(await usage(couponId, 'alice')).toEqual({ status: 'USED', used_by_order_id: orderId });
  });

  it('emits nothing for an order without a coupon and fails unknown, not-owned and already-used coupons', async () => {
    const couponId = await createCoupon(t, 10);
    await grant(couponId, 'bob');
    const [none, unknown, notOwned, first, second] = Array.from({ length: 5 }, () => `order-${randomUUID()}`);
    await send(placed(none, 'bob', null), Topics.OrderProcessing);
    await send(placed(unknown, 'bob', 'no-such-coupon'), Topics.OrderProcessing);
    await send(placed(notOwned, 'carol', couponId), Topics.OrderProcessing);
    await send(placed(first, 'bob', couponId), Topics.OrderProcessing);
    await waitFor(() => outcomesOf(first).length > 0);
    await send(placed(second, 'bob', couponId), Topics.OrderProcessing);
    const reasonOf = async (orderId: string) =>
      (await waitFor(() => outcomesOf(orderId)[0], { description: `outcome of ${orderId}` })).payload.reason;
    expect(await reasonOf(unknown)).toBe('COUPON_NOT_FOUND');
    expect(await reasonOf(notOwned)).toBe('COUPON_NOT_OWNED');
    expect(await reasonOf(second)).toBe('COUPON_ALREADY_USED');
    expect(outcomesOf(none)).toEqual([]);
  });

  it('two orders racing for the same coupon: exactly one wins', async () => {
    const couponId = await createCoupon(t, 10);
    await grant(couponId, 'dave');
    const orders = [`order-${randomUUID()}`, `order-${randomUUID()}`];
    await Promise.all(orders.map((o) => send(placed(o, 'dave', couponId), Topics.OrderProcessing)));
    const outcomes = await waitFor(() => {
      const all = orders.map((o) => outcomesOf(o)[0]);
      return all.every(Boolean) ? all : null;
    });
    expect(outcomes.map((o) => o.type).sort()).toEqual(['CouponApplied', 'OrderProcessingFailed']);
    const winner = orders[outcomes.findIndex((o) => o.type === 'CouponApplied')];
    expect(await usage(couponId, 'dave')).toEqual({ status: 'USED', used_by_order_id: winner });
  });

  it('restores the coupon once when the order fails, and tombstones orders it never acted for', async () => {
    const couponId = await createCoupon(t, 10);
    await grant(couponId, 'erin');
    const orderId = `order-${randomUUID()}`;
    await send(placed(orderId, 'erin', couponId), Topics.OrderProcessing);
    await waitFor(() => outcomesOf(orderId).length > 0);
    const failed = createEvent(PaymentFailed, {
      orderId,
      causationId: null,
      payload: { userId: 'erin', amount: 19_000, reason: 'INSUFFICIENT_BALANCE' },
    });
    await send(failed, Topics.OrderPaymentFail);
    await send(
      createEvent(OrderProcessingFailed, {
        orderId,
        causationId: null,
        payload: { reason: 'TIMEOUT', failedBy: 'order' },
      }),
      Topics.OrderProcessingFail,
    );
    await waitFor(async () => (await usage(couponId, 'erin')).status === 'AVAILABLE', {
      description: 'coupon restored',
    });

    // A late OrderPlaced for a cancelled order never uses the coupon; the restored coupon serves a new order.
    const late = `order-${randomUUID()}`;
    await send(
      createEvent(OrderProcessingFailed, {
        orderId: late,
        causationId: null,
        payload: { reason: 'TIMEOUT', failedBy: 'order' },
      }),
      Topics.OrderProcessingFail,
    );
    await waitFor(
      async () => (await t.sql.query(`SELECT 1 FROM order_tombstone WHERE order_id = $1`, [late])).rowCount === 1,
    );
    await send(placed(late, 'erin', couponId), Topics.OrderProcessing);
    const next = `order-${randomUUID()}`;
    await send(placed(next, 'erin', couponId), Topics.OrderProcessing);
    await waitFor(() => outcomesOf(next).length > 0);
    expect(outcomesOf(next)[0].type).toBe('CouponApplied');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(outcomesOf(late)).toEqual([]);
    expect(await usage(couponId, 'erin')).toEqual({ status: 'USED', used_by_order_id: next });
  });

  it('dead-letters an invalid event and keeps consuming', async () => {
    await producer.send({
      topic: t.topicPrefix + Topics.OrderProcessing,
      messages: [{ key: 'x', value: '{"not":"an event"}' }],
    });
    const couponId = await createCoupon(t, 1);
    await grant(couponId, 'frank');
    const orderId = `order-${randomUUID()}`;
    await send(placed(orderId, 'frank', couponId), Topics.OrderProcessing);
    await waitFor(() => outcomesOf(orderId).length > 0);
  });
});
