import { randomUUID } from 'node:crypto';
import { createEvent, OrderProcessingFailed, PaymentRequested, Topics } from '@saga/contracts';
import { readAll, waitFor } from '@saga/test-harness';
import request from 'supertest';
import { DebitBalanceUseCase } from '../src/application/debit-balance/debit-balance.use-case';
import { startUserTestEnv, type UserTestEnv } from './user-test-app';

const newOrderId = () => `order-${randomUUID()}`;
const paymentRequested = (orderId: string, userId: string, amount: number) =>
  createEvent(PaymentRequested, { orderId, causationId: randomUUID(), payload: { userId, amount } });
const processingFailed = (orderId: string) =>
  createEvent(OrderProcessingFailed, { orderId, causationId: null, payload: { reason: 'TIMEOUT', failedBy: 'order' } });

/** Debits, refunds and the published payment events of the user service against real PostgreSQL and Kafka. */
describe('user service saga participation', () => {
  let env: UserTestEnv;
  /** userId -> initial balance + top-ups, for the invariant. */
  const supplied = new Map<string, number>();

  beforeAll(async () => {
    env = await startUserTestEnv();
  });

  afterAll(async () => {
    await env?.close();
  });

  async function createUser(id: string, balance: number) {
    await request(env.app.getHttpServer())
      .post('/users')
      .set('Authorization', `Bearer ${env.token('admin')}`)
      .send({ id, name: id, balance })
      .expect(201);
    supplied.set(id, balance);
  }

  const balanceOf = async (id: string) =>
    Number((await env.db.query('SELECT balance FROM user_account WHERE id = $1', [id])).rows[0].balance);
  const paymentOf = async (orderId: string) =>
    (await env.db.query('SELECT user_id, amount::int, status, reason FROM payment WHERE order_id = $1', [orderId]))
      .rows;

  it('debits the buyer and publishes PaymentSucceeded caused by the request', async () => {
    await createUser('happy', 1000);
    const orderId = newOrderId();
    const requested = paymentRequested(orderId, 'happy', 600);
    await env.publish(requested);

    const succeeded = await env.firstOn(Topics.OrderPaymentSuccess, orderId);
    expect(succeeded).toMatchObject({
      type: 'PaymentSucceeded',
      causationId: requested.eventId,
      payload: { userId: 'happy', amount: 600 },
    });
    expect(await balanceOf('happy')).toBe(400);
    expect(await paymentOf(orderId)).toEqual([{ user_id: 'happy', amount: 600, status: 'DEBITED', reason: null }]);
  });

  it('has one effect for a duplicated PaymentRequested (same eventId twice, and a re-sent request)', async () => {
    await createUser('dup', 1000);
    const orderId = newOrderId();
    const requested = paymentRequested(orderId, 'dup', 300);
    const resent = paymentRequested(orderId, 'dup', 300);
    await env.publish(requested);
    await env.publish(requested);
    await env.publish(resent);
    await env.processed('DebitBalanceOnPaymentRequested', resent.eventId);

    expect(await balanceOf('dup')).toBe(700);
    expect(await env.publishedOn(Topics.OrderPaymentSuccess, orderId)).toHaveLength(1);
  });

  it('rejects INSUFFICIENT_BALANCE: payment REJECTED, PaymentFailed, balance untouched', async () => {
    await createUser('poor', 99);
    const orderId = newOrderId();
    await env.publish(paymentRequested(orderId, 'poor', 100));

    const failed = await env.firstOn(Topics.OrderPaymentFail, orderId);
    expect(failed.payload).toMatchObject({ userId: 'poor', amount: 100, reason: 'INSUFFICIENT_BALANCE' });
    expect(await balanceOf('poor')).toBe(99);
    expect(await paymentOf(orderId)).toEqual([
      { user_id: 'poor', amount: 100, status: 'REJECTED', reason: 'INSUFFICIENT_BALANCE' },
    ]);
  });

  it('rejects UNKNOWN_USER', async () => {
    const orderId = newOrderId();
    await env.publish(paymentRequested(orderId, 'nobody', 1));
    expect((await env.firstOn(Topics.OrderPaymentFail, orderId)).payload).toMatchObject({
      userId: 'nobody',
      reason: 'UNKNOWN_USER',
    });
  });

  it('tombstones an order cancelled before payment; the late PaymentRequested debits nothing and emits nothing', async () => {
    await createUser('late', 500);
    const orderId = newOrderId();
    const cancelled = processingFailed(orderId);
    await env.publish(cancelled);
    await env.processed('RefundPaymentOnOrderProcessingFailed', cancelled.eventId);

    const late = paymentRequested(orderId, 'late', 200);
    await env.publish(late);
    await env.processed('DebitBalanceOnPaymentRequested', late.eventId);
    expect(await balanceOf('late')).toBe(500);
    expect(await paymentOf(orderId)).toEqual([]);
    expect(await env.publishedOn(Topics.OrderPaymentSuccess, orderId)).toEqual([]);
    expect(await env.publishedOn(Topics.OrderPaymentFail, orderId)).toEqual([]);
  });

  it('refunds a debit exactly once when the order fails after payment (e.g. its deadline)', async () => {
    await createUser('refund', 800);
    const orderId = newOrderId();
    const requested = paymentRequested(orderId, 'refund', 500);
    await env.publish(requested);
    await env.processed('DebitBalanceOnPaymentRequested', requested.eventId);
    expect(await balanceOf('refund')).toBe(300);

    const failed = processingFailed(orderId);
    const failedAgain = processingFailed(orderId);
    await env.publish(failed);
    await env.publish(failed);
    await env.publish(failedAgain);
    await env.processed('RefundPaymentOnOrderProcessingFailed', failedAgain.eventId);

    expect(await balanceOf('refund')).toBe(800);
    expect(await paymentOf(orderId)).toEqual([{ user_id: 'refund', amount: 500, status: 'REFUNDED', reason: null }]);
  });

  it('lets exactly one of 20 concurrent debits succeed when the balance covers one (concurrent transactions)', async () => {
    await createUser('race', 1000);
    const debit = env.app.get(DebitBalanceUseCase);
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, () =>
        debit.execute({ orderId: newOrderId(), causationId: randomUUID(), userId: 'race', amount: 600 }),
      ),
    );

    expect(outcomes.filter((o) => o === 'debited')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'rejected')).toHaveLength(19);
    expect(await balanceOf('race')).toBe(400);
  });

  it('lets exactly one of 10 orders published at once be paid when the balance covers one (3 partitions in parallel)', async () => {
    await createUser('race-kafka', 1000);
    const orders = Array.from({ length: 10 }, () => paymentRequested(newOrderId(), 'race-kafka', 700));
    await Promise.all(orders.map(env.publish));
    await Promise.all(orders.map((o) => env.processed('DebitBalanceOnPaymentRequested', o.eventId)));

    expect(await balanceOf('race-kafka')).toBe(300);
    const statuses = (
      await env.db.query(`SELECT status, count(*)::int AS n FROM payment WHERE user_id = 'race-kafka' GROUP BY status`)
    ).rows;
    expect(new Map(statuses.map((r) => [r.status, r.n]))).toEqual(
      new Map([
        ['DEBITED', 1],
        ['REJECTED', 9],
      ]),
    );
  });

  it('dead-letters an invalid event with its validation error and keeps consuming', async () => {
    await createUser('after-dlq', 100);
    const orderId = newOrderId();
    const invalid = { ...paymentRequested(orderId, 'after-dlq', 10), payload: { userId: 'after-dlq', amount: 1.5 } };
    await env.publishRaw(Topics.OrderPayment, orderId, JSON.stringify(invalid));
    const next = paymentRequested(orderId, 'after-dlq', 10);
    await env.publish(next);

    await env.processed('DebitBalanceOnPaymentRequested', next.eventId);
    expect(await balanceOf('after-dlq')).toBe(90);
    const dead = await waitFor(async () =>
      (await readAll(env.topic(`${Topics.OrderPayment}.dlq`))).find((m) => m.key === orderId),
    );
    expect(dead.headers['x-dlq-error']).toContain('payload.amount');
  });

  it('keeps balance + DEBITED payments = initial balance + top-ups for every user', async () => {
    await request(env.app.getHttpServer())
      .post('/users/happy/top-up')
      .set('Authorization', `Bearer ${env.token('admin')}`)
      .send({ amount: 250 })
      .expect(200);
    supplied.set('happy', supplied.get('happy')! + 250);
    const rows = (
      await env.db.query(`
        SELECT u.id, u.balance + COALESCE(SUM(p.amount) FILTER (WHERE p.status = 'DEBITED'), 0) AS accounted
          FROM user_account u LEFT JOIN payment p ON p.user_id = u.id
         GROUP BY u.id, u.balance`)
    ).rows.map((r) => [r.id, Number(r.accounted)] as [string, number]);
    expect(new Map(rows)).toEqual(supplied);
  });
});
