import { createEvent, OrderPlaced, Topics } from '@saga/contracts';
import { DeadLetterHeaders, REPLAYED_FROM_HEADER } from '@saga/messaging';
import { PgSqlClient } from '@saga/outbox';
import { readAll, testKafka, waitFor } from '@saga/test-harness';
import { rebuildProjection } from '../src/interface/cli/rebuild-projection';
import request from 'supertest';
import { startExplorerTestEnv, JAEGER_UI_URL, type ExplorerTestEnv } from './explorer-test-app';
import {
  completedSaga,
  newOrderId,
  newTraceparent,
  outOfStockSaga,
  paymentFailedSaga,
  publishSaga,
} from './saga-fixtures';

interface TimelineEvent {
  kind: string;
  eventType: string;
  topic: string;
  service: string;
  eventId: string | null;
  causationId: string | null;
  failureReason: string | null;
  compensation: boolean;
  compensatedBy: string[];
  error: string | null;
  deadLetterId: string | null;
}

/** The explorer's projection and JSON API against real Kafka and PostgreSQL, events driven by the saga-suite injector. */
describe('explorer projection and API', () => {
  let env: ExplorerTestEnv;
  const admin = () => `Bearer ${env.token('admin')}`;
  const customer = (id: string) => `Bearer ${env.token('customer', id)}`;
  const http = () => request(env.app.getHttpServer());

  beforeAll(async () => {
    env = await startExplorerTestEnv();
  });
  afterAll(async () => {
    await env?.close();
  });

  const sagaOf = (orderId: string, auth = admin()) => http().get(`/sagas/${orderId}`).set('Authorization', auth);
  const settled = (orderId: string, eventCount: number) =>
    waitFor(
      async () => {
        const response = await sagaOf(orderId);
        return response.status === 200 && response.body.events.length >= eventCount ? response.body : undefined;
      },
      { description: `${eventCount} timeline entries for ${orderId}`, timeoutMs: 30_000 },
    );

  it('projects a completed saga: every event in order, producers, causation, trace id and the Jaeger link', async () => {
    const orderId = newOrderId();
    const events = completedSaga(orderId, 'alice');
    const traceId = await publishSaga(env.injector, events);
    const saga = await settled(orderId, 7);

    expect(saga).toMatchObject({ orderId, userId: 'alice', state: 'COMPLETED', failureReason: null, traceId });
    expect(saga.traceUrl).toBe(`${JAEGER_UI_URL}/trace/${traceId}`);
    const timeline = saga.events as TimelineEvent[];
    expect(timeline.map((e) => [e.eventType, e.service, e.topic])).toEqual([
      ['OrderPlaced', 'order', Topics.OrderProcessing],
      ['StockReserved', 'product', Topics.OrderProcessingStockSuccess],
      ['CouponApplied', 'coupon', Topics.OrderProcessingCouponSuccess],
      ['OrderProcessingSucceeded', 'order', Topics.OrderProcessingSuccess],
      ['PaymentRequested', 'order', Topics.OrderPayment],
      ['PaymentSucceeded', 'user', Topics.OrderPaymentSuccess],
      ['OrderCompleted', 'order', Topics.OrderProcessed],
    ]);
    expect(timeline.map((e) => e.eventId)).toEqual(events.map((e) => e.eventId));
    expect(timeline.map((e) => e.causationId)).toEqual(events.map((e) => e.causationId));
    expect(timeline.every((e) => !e.compensation)).toBe(true);
  });

  it('projects cancellations with their reason and marks the failure events as compensations', async () => {
    const broke = newOrderId();
    const noStock = newOrderId();
    await publishSaga(env.injector, paymentFailedSaga(broke, 'bob'));
    await publishSaga(env.injector, outOfStockSaga(noStock, 'bob'));
    const cancelled = await settled(broke, 6);
    expect(cancelled).toMatchObject({ state: 'CANCELLED', failureReason: 'INSUFFICIENT_BALANCE' });
    const failure = (cancelled.events as TimelineEvent[]).find((e) => e.eventType === 'PaymentFailed')!;
    expect(failure).toMatchObject({ service: 'user', compensation: true, failureReason: 'INSUFFICIENT_BALANCE' });
    expect(failure.compensatedBy).toEqual(['order', 'product', 'coupon']);

    const outOfStock = await settled(noStock, 2);
    expect(outOfStock).toMatchObject({ state: 'CANCELLED', failureReason: 'OUT_OF_STOCK' });
    expect((outOfStock.events as TimelineEvent[])[1]).toMatchObject({ service: 'product', compensation: true });
  });

  it('shows a poison message with its validation error on the order it names, and keeps projecting', async () => {
    const orderId = newOrderId();
    await env.injector.publishRaw({
      topic: env.topic(Topics.OrderProcessing),
      key: orderId,
      value: '{"not": "an event"',
    });
    await env.injector.publishRaw({
      topic: env.topic(Topics.OrderPayment),
      key: orderId,
      value: JSON.stringify({ ...completedSaga(orderId, 'carol')[4], type: 'RefundIssued' }),
    });
    await publishSaga(env.injector, completedSaga(orderId, 'carol').slice(0, 1));
    const saga = await settled(orderId, 3);
    const invalid = (saga.events as TimelineEvent[]).filter((e) => e.kind === 'INVALID');
    expect(invalid.map((e) => e.eventType).sort()).toEqual(['(unreadable)', 'RefundIssued']);
    expect(invalid.find((e) => e.eventType === 'RefundIssued')!.error).toMatch(/unknown event RefundIssued v1/);
    expect(invalid.find((e) => e.eventType === '(unreadable)')!.error).toMatch(/not JSON/);
    expect(saga.state).toBe('IN_FLIGHT');
  });

  it('reports a saga past its deadline with no terminal event as OVERDUE', async () => {
    const orderId = newOrderId();
    const placed = createEvent(OrderPlaced, {
      orderId,
      causationId: null,
      occurredAt: new Date(Date.now() - 60_000),
      payload: { userId: 'dave', items: [{ productId: 'p', quantity: 1, unitPrice: 1 }], couponId: null, subtotal: 1 },
    });
    await env.injector.publishEnvelope(placed, { traceparent: newTraceparent() });
    expect((await settled(orderId, 1)).state).toBe('OVERDUE');
    const overdue = await http().get('/sagas?state=OVERDUE&userId=dave').set('Authorization', admin()).expect(200);
    expect(overdue.body.items.map((s: { orderId: string }) => s.orderId)).toEqual([orderId]);
  });

  it('lets a customer see only their own sagas: another customer’s and an unknown one are 404', async () => {
    const orderId = newOrderId();
    await publishSaga(env.injector, completedSaga(orderId, 'erin'));
    await settled(orderId, 7);
    await sagaOf(orderId, customer('erin')).expect(200);
    await sagaOf(orderId, customer('mallory')).expect(404);
    await sagaOf(newOrderId(), admin()).expect(404);
    await http().get(`/sagas/${orderId}`).expect(401);
    const mine = await http().get('/sagas?userId=erin').set('Authorization', customer('mallory')).expect(200);
    expect(mine.body.items).toEqual([]);
  });

  it('filters by state, failure reason, user and time, newest first, with cursor pagination', async () => {
    const base = Date.now() - 10_000;
    const ids = [newOrderId(), newOrderId(), newOrderId()];
    for (const [index, orderId] of ids.entries()) {
      await publishSaga(env.injector, paymentFailedSaga(orderId, 'frank', new Date(base + index * 1000)));
    }
    await Promise.all(ids.map((id) => settled(id, 6)));
    const list = (query: string) =>
      http()
        .get(`/sagas?${query}`)
        .set('Authorization', admin())
        .expect(200)
        .then((r) => r.body);
    const first = await list('userId=frank&state=CANCELLED&failureReason=INSUFFICIENT_BALANCE&limit=2');
    expect(first.items.map((s: { orderId: string }) => s.orderId)).toEqual([ids[2], ids[1]]);
    const second = await list(`userId=frank&state=CANCELLED&limit=2&cursor=${first.nextCursor}`);
    expect(second.items.map((s: { orderId: string }) => s.orderId)).toEqual([ids[0]]);
    expect(second.nextCursor).toBeNull();
    const window = await list(
      `userId=frank&from=${new Date(base + 500).toISOString()}&to=${new Date(base + 1500).toISOString()}`,
    );
    expect(window.items.map((s: { orderId: string }) => s.orderId)).toEqual([ids[1]]);
    expect((await list('userId=frank&state=COMPLETED')).items).toEqual([]);
    const bad = await http().get('/sagas?state=LOST&limit=0').set('Authorization', admin()).expect(400);
    expect(bad.body.issues.map((i: { path: string }) => i.path).sort()).toEqual(['limit', 'state']);
  });

  it('lists a dead letter with its origin, previews its replay, and replays it once executed (recorded who and when)', async () => {
    const orderId = newOrderId();
    const [placed, , , , requested] = completedSaga(orderId, 'gina');
    await publishSaga(env.injector, [placed!]);
    const consumerGroup = `${env.config.topicPrefix}user.DebitBalanceOnPaymentRequested`;
    await env.injector.publishRaw({
      topic: env.topic(`${Topics.OrderPayment}.dlq`),
      key: orderId,
      value: JSON.stringify(requested),
      headers: {
        traceparent: newTraceparent(),
        [DeadLetterHeaders.originalTopic]: env.topic(Topics.OrderPayment),
        [DeadLetterHeaders.originalPartition]: '2',
        [DeadLetterHeaders.originalOffset]: '17',
        [DeadLetterHeaders.consumerGroup]: consumerGroup,
        [DeadLetterHeaders.error]: 'Error: connection reset',
        [DeadLetterHeaders.attempts]: '5',
        [DeadLetterHeaders.failedAt]: new Date().toISOString(),
      },
    });
    const letter = await waitFor(
      async () => {
        const page = await http().get(`/dead-letters?orderId=${orderId}`).set('Authorization', admin()).expect(200);
        return page.body.items[0];
      },
      { description: 'the dead letter listed', timeoutMs: 30_000 },
    );
    expect(letter).toMatchObject({
      originalTopic: env.topic(Topics.OrderPayment),
      originalPartition: 2,
      originalOffset: '17',
      consumerGroup: 'user.DebitBalanceOnPaymentRequested',
      error: 'Error: connection reset',
      attempts: 5,
      eventType: 'PaymentRequested',
      eventId: requested!.eventId,
      replays: [],
    });
    const saga = await settled(orderId, 2);
    expect((saga.events as TimelineEvent[]).find((e) => e.kind === 'DEAD_LETTER')).toMatchObject({
      service: 'user',
      eventType: 'PaymentRequested',
      error: 'Error: connection reset',
      deadLetterId: letter.id,
    });

    await http().get('/dead-letters').set('Authorization', customer('gina')).expect(403);
    await http().post(`/dead-letters/${letter.id}/replay`).set('Authorization', customer('gina')).expect(403);
    await http().post('/dead-letters/nope:0:0/replay').set('Authorization', admin()).expect(404);
    const preview = await http().post(`/dead-letters/${letter.id}/replay`).set('Authorization', admin()).expect(200);
    expect(preview.body).toMatchObject({
      executed: false,
      message: { topic: env.topic(Topics.OrderPayment), key: orderId },
    });
    expect(preview.body.message.headers).not.toHaveProperty(DeadLetterHeaders.error);
    const onPaymentTopic = async () => (await readAll(env.topic(Topics.OrderPayment))).filter((m) => m.key === orderId);
    expect(await onPaymentTopic()).toEqual([]);

    const executed = await http()
      .post(`/dead-letters/${letter.id}/replay?execute=true`)
      .set('Authorization', admin())
      .expect(200);
    expect(executed.body).toMatchObject({ executed: true, replayedBy: 'admin-1' });
    const republished = await onPaymentTopic();
    expect(republished).toHaveLength(1);
    expect(republished[0]).toMatchObject({ key: orderId, value: JSON.stringify(requested) });
    expect(republished[0]!.headers[REPLAYED_FROM_HEADER]).toBe(
      `${Topics.OrderPayment}.dlq/${letter.partition}/${letter.offset}`,
    );
    const after = await http().get(`/dead-letters?orderId=${orderId}`).set('Authorization', admin()).expect(200);
    expect(after.body.items[0].replays).toEqual([
      { replayedBy: 'admin-1', replayedAt: executed.body.replayedAt, targetTopic: env.topic(Topics.OrderPayment) },
    ]);
  });

  it('rebuilds the same projection from the topics into emptied tables, keeping the replay record', async () => {
    const snapshot = async () =>
      (
        await env.db.query(
          `SELECT s.order_id, s.state, s.failure_reason, s.trace_id, s.user_id, s.started_at, s.event_count,
                  s.dead_letter_count, (SELECT count(*) FROM dead_letter) AS dead_letters,
                  (SELECT string_agg(e.event_type || '@' || e.service, ',' ORDER BY e.occurred_at, e.event_type)
                   FROM saga_event e WHERE e.order_id = s.order_id) AS timeline
           FROM saga s ORDER BY s.order_id`,
        )
      ).rows;
    const before = await snapshot();
    expect(before.length).toBeGreaterThanOrEqual(10);
    const sql = new PgSqlClient({ connectionString: env.database.url, max: 1 });
    await env.restart(async () => {
      await rebuildProjection({
        kafka: testKafka(),
        sql,
        service: env.config.service,
        topicPrefix: env.config.topicPrefix,
        log: () => undefined,
      });
      expect((await env.db.query('SELECT count(*)::int AS n FROM saga')).rows[0].n).toBe(0);
    });
    await sql.$disconnect();
    await waitFor(async () => JSON.stringify(await snapshot()) === JSON.stringify(before), {
      description: 'the rebuilt projection equal to the original',
      timeoutMs: 60_000,
    });
    expect((await env.db.query('SELECT count(*)::int AS n FROM dead_letter_replay')).rows[0].n).toBe(1);
  });
});
