import { randomUUID } from 'node:crypto';
import { createEvent, PaymentSucceeded, StockReserved } from '@saga/contracts';
import { readAll, waitFor } from '@saga/test-harness';
import { OrderInstance, OrderTestEnv } from './support';

jest.setTimeout(120_000);

describe('saga deadline (real infra, two scanning instances)', () => {
  const t = new OrderTestEnv();
  let a: OrderInstance;
  let b: OrderInstance;

  beforeAll(async () => {
    await t.setUp();
    const fast = {
      SAGA_TIMEOUT_MS: '3000',
      SAGA_TIMEOUT_SCAN_MS: '200',
      SAGA_TIMEOUT_BATCH_SIZE: '3',
      SAGA_TIMEOUT_OUTAGE_SETTLE_MS: '1000',
    };
    a = t.instance(fast);
    b = t.instance(fast);
    await Promise.all([a.start(), b.start()]);
    await Promise.all([a.consumersJoined(), b.consumersJoined()]);
    await t.setPrice('apple', 500);
  });

  afterAll(() => t.tearDown());

  const place = () =>
    a.placeOrder.execute({
      userId: 'alice',
      idempotencyKey: randomUUID(),
      items: [{ productId: 'apple', quantity: 1 }],
      couponId: 'c-9',
    });

  it('cancels stalled orders with TIMEOUT and emits OrderProcessingFailed once each; completed orders are untouched', async () => {
    const stalled = await Promise.all(Array.from({ length: 10 }, place));
    const completed = await a.placeOrder.execute({
      userId: 'alice',
      idempotencyKey: randomUUID(),
      items: [{ productId: 'apple', quantity: 1 }],
      couponId: null,
    });
    await t.inject(
      createEvent(StockReserved, {
        orderId: completed.orderId,
        causationId: null,
        payload: { items: [{ productId: 'apple', quantity: 1 }] },
      }),
    );
    await waitFor(async () => (await t.order(completed.orderId))?.status === 'PAYMENT_REQUESTED');
    await t.inject(
      createEvent(PaymentSucceeded, {
        orderId: completed.orderId,
        causationId: null,
        payload: { userId: 'alice', amount: 500 },
      }),
    );
    await waitFor(async () => (await t.order(completed.orderId))?.status === 'COMPLETED');

    const ids = stalled.map((s) => s.orderId);
    await waitFor(
      async () => {
        const { rows } = await t.pg.query(
          `SELECT count(*)::int AS n FROM "order" WHERE id = ANY($1::uuid[]) AND status = 'CANCELLED'`,
          [ids],
        );
        return rows[0].n === ids.length;
      },
      { description: 'all stalled orders cancelled', timeoutMs: 30_000 },
    );

    for (const id of ids) {
      expect((await t.order(id))!.failure_reason).toBe('TIMEOUT');
      const failed = await t.emitted('OrderProcessingFailed', id);
      expect(failed.map((e) => e.payload)).toEqual([expect.objectContaining({ reason: 'TIMEOUT', failedBy: 'order' })]);
    }
    const onKafka = await waitFor(
      async () => {
        const messages = (await readAll(`${t.prefix}order.processing.fail`)).filter(
          (m) => m.key && ids.includes(m.key),
        );
        return messages.length === ids.length ? messages : null;
      },
      { description: 'fail events relayed' },
    );
    expect(new Set(onKafka.map((m) => m.key)).size).toBe(ids.length);

    // give the scanners a few more rounds: nothing is cancelled twice and the completed order stays completed
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    expect(await t.order(completed.orderId)).toMatchObject({ status: 'COMPLETED', failure_reason: null });
    const { rows } = await t.pg.query(
      `SELECT count(*)::int AS n FROM outbox_message WHERE event_type = 'OrderProcessingFailed'`,
    );
    expect(rows[0].n).toBe(ids.length);
  });

  it('does not expire a deadline that fell inside an outage an instance observed; cancels once the grace is over', async () => {
    const stalled = await place();
    const placedAt = Date.now();
    // both scanning instances observe an outage, as their relay and consumers report one when Kafka is gone
    for (const instance of [a, b]) instance.monitor.down('simulated-outage', 'broker unreachable');
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    // the 3 s deadline fell inside the outage: not cancelled
    expect(await t.order(stalled.orderId)).toMatchObject({ status: 'PENDING' });
    for (const instance of [a, b]) instance.monitor.up('simulated-outage');
    // a participant that never answers still gets the saga cancelled: after the outage length + settle time
    await waitFor(async () => (await t.order(stalled.orderId))?.status === 'CANCELLED', {
      description: 'cancelled after the outage grace',
      timeoutMs: 30_000,
    });
    expect(Date.now() - placedAt).toBeGreaterThanOrEqual(3_000 + 5_000);
    expect((await t.order(stalled.orderId))!.failure_reason).toBe('TIMEOUT');
  });
});
