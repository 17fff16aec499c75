import { INestApplication } from '@nestjs/common';
import { createEvent, OrderProcessingFailed, Topics } from '@saga/contracts';
import { Exposition, parseExposition } from '@saga/metrics';
import { DEV_JWT_SECRET, signDevToken } from '@saga/service-kit';
import { waitFor } from '@saga/test-harness';
import { OrderTestEnv } from './support';

/**
 * GET /metrics of a real order service (real PostgreSQL, Kafka, Redis, listening on a random port):
 * an HTTP checkout, a consumed fail event and a poison message move the counters the catalog promises.
 */
jest.setTimeout(120_000);

describe('order service GET /metrics (real infra)', () => {
  const t = new OrderTestEnv();
  const auth = `Bearer ${signDevToken({ sub: 'alice', role: 'customer', secret: DEV_JWT_SECRET })}`;
  let app: INestApplication;
  let url: string;

  beforeAll(async () => {
    await t.setUp();
    app = await t.instance().start();
    await app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
    await t.setPrice('apple', 1_000);
  });

  afterAll(async () => {
    await app?.close();
    await t.tearDown();
  });

  async function scrape(): Promise<Exposition> {
    const res = await fetch(`${url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return parseExposition(await res.text());
  }

  it('counts requests, the saga, the consumed event, the dead letter and the outbox publish', async () => {
    const group = t.group('CancelOrderOnOrderProcessingFailed');
    const topic = `${t.prefix}${Topics.OrderProcessingFail}`;
    const before = await scrape();

    const placed = await fetch(`${url}/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: auth, 'idempotency-key': 'metrics-1' },
      body: JSON.stringify({ items: [{ productId: 'apple', quantity: 1 }] }),
    });
    expect(placed.status).toBe(202);
    const { orderId } = (await placed.json()) as { orderId: string };
    expect((await fetch(`${url}/orders/${orderId}`, { headers: { authorization: auth } })).status).toBe(200);
    expect((await fetch(`${url}/no-such-route/${orderId}`)).status).toBe(404);

    await t.inject(
      createEvent(OrderProcessingFailed, {
        orderId,
        causationId: null,
        payload: { reason: 'OUT_OF_STOCK', failedBy: 'product' },
      }),
    );
    await t.injectRaw(Topics.OrderProcessingFail, orderId, '{"not": "an event"}');

    const after = await waitFor(
      async () => {
        const scraped = await scrape();
        const done =
          scraped.value('saga_consumer_messages_total', { consumer_group: group, outcome: 'succeeded' }) >= 1 &&
          scraped.value('saga_consumer_messages_total', { consumer_group: group, outcome: 'dead_lettered' }) >= 1 &&
          scraped.value('saga_outbox_published_total') >= 1;
        return done ? scraped : undefined;
      },
      { description: 'consumed event, dead letter and outbox publish on /metrics' },
    );
    const delta = (name: string, labels?: Record<string, string>) =>
      after.value(name, labels) - before.value(name, labels);

    // every series carries the service label; families have the catalog's types
    expect(after.samples.every((s) => s.labels.service === 'order')).toBe(true);
    expect(after.types.get('http_server_request_duration_seconds')).toBe('histogram');
    expect(after.types.get('order_sagas_cancelled_total')).toBe('counter');
    expect(after.find('process_cpu_user_seconds_total')).toHaveLength(1);

    // HTTP: route templates, never raw paths
    const count = 'http_server_request_duration_seconds_count';
    expect(delta(count, { method: 'POST', route: '/orders', status_class: '2xx' })).toBe(1);
    expect(delta(count, { method: 'GET', route: '/orders/:id', status_class: '2xx' })).toBe(1);
    expect(delta(count, { method: 'GET', route: 'unmatched', status_class: '4xx' })).toBe(1);
    expect(after.samples.some((s) => s.labels.route?.includes(orderId))).toBe(false);

    // the saga: started over HTTP, cancelled by the consumed fail event
    expect(delta('order_sagas_started_total')).toBe(1);
    expect(delta('order_sagas_cancelled_total', { reason: 'OUT_OF_STOCK' })).toBe(1);
    expect(delta('order_saga_duration_seconds_count', { outcome: 'cancelled' })).toBe(1);
    expect(delta('order_sagas_completed_total')).toBe(0);

    // the consumer wrapper, per group and topic
    const labels = { consumer_group: group, topic };
    expect(delta('saga_consumer_messages_total', { ...labels, outcome: 'succeeded' })).toBe(1);
    expect(delta('saga_consumer_messages_total', { ...labels, outcome: 'dead_lettered' })).toBe(1);
    expect(delta('saga_consumer_dead_letters_total', { ...labels, cause: 'invalid_event' })).toBe(1);
    expect(delta('saga_consumer_handling_duration_seconds_count', labels)).toBe(2);
    expect(after.find('saga_consumer_lag_messages', labels).length).toBeGreaterThan(0);

    // the relay published OrderPlaced; the backlog gauges are read from the database at scrape time
    expect(delta('saga_outbox_publish_latency_seconds_count')).toBeGreaterThanOrEqual(1);
    await waitFor(async () => (await scrape()).value('saga_outbox_unpublished_rows') === 0, {
      description: 'outbox drained on /metrics',
    });
    const drained = await scrape();
    expect(drained.value('saga_outbox_oldest_unpublished_age_seconds')).toBe(0);
  });
});
