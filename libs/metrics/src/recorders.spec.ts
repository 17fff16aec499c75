import { parseExposition } from './exposition-parser';
import { prometheusConsumerMetrics } from './consumer-metrics';
import { recordHttpRequest, statusClassOf } from './http-metrics';
import { prometheusOutboxMetrics, registerOutboxBacklog } from './outbox-metrics';
import { enableServiceMetrics, metricsRegistry, renderMetrics } from './registry';

async function scrape() {
  const { body, contentType } = await renderMetrics();
  expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
  return parseExposition(body);
}

describe('recorders (Prometheus text as scraped)', () => {
  beforeAll(() => enableServiceMetrics('order'));
  beforeEach(() => metricsRegistry.resetMetrics());

  it('labels every series with the service and exposes the default process metrics', async () => {
    recordHttpRequest('GET', '/orders/:orderId', 200, 0.003);
    const scraped = await scrape();
    expect(scraped.samples.every((s) => s.labels.service === 'order')).toBe(true);
    expect(scraped.types.get('process_cpu_user_seconds_total')).toBe('counter');
    expect(scraped.find('nodejs_eventloop_lag_seconds')).toHaveLength(1);
  });

  it('HTTP: one histogram series per method, route template and status class', async () => {
    recordHttpRequest('GET', '/orders/:orderId', 200, 0.003);
    recordHttpRequest('GET', '/orders/:orderId', 204, 0.2);
    recordHttpRequest('POST', '/orders', 503, 0.02);
    const scraped = await scrape();
    const ok = { method: 'GET', route: '/orders/:orderId', status_class: '2xx' };
    expect(scraped.value('http_server_request_duration_seconds_count', ok)).toBe(2);
    expect(scraped.value('http_server_request_duration_seconds_sum', ok)).toBeCloseTo(0.203);
    expect(scraped.value('http_server_request_duration_seconds_bucket', { ...ok, le: '0.005' })).toBe(1);
    expect(scraped.value('http_server_request_duration_seconds_count', { status_class: '5xx' })).toBe(1);
    expect(statusClassOf(404)).toBe('4xx');
    expect(statusClassOf(99)).toBe('other');
  });

  it('consumer: outcomes, retries, dead letters by cause, duration per handler; lag per group and partition', async () => {
    const metrics = prometheusConsumerMetrics.forHandler('product', 'ReserveStockOnOrderPlaced', 'order.processing');
    metrics.handled('succeeded', 0.004);
    metrics.handled('succeeded', 0.006);
    metrics.handled('duplicate', 0.001);
    metrics.retried();
    metrics.deadLettered('invalid_event');
    metrics.handled('dead_lettered', 0.002);
    prometheusConsumerMetrics.forGroup('product').lag('order.processing', 2, 17);
    const scraped = await scrape();
    const group = { consumer_group: 'product', handler: 'ReserveStockOnOrderPlaced', topic: 'order.processing' };
    expect(scraped.value('saga_consumer_messages_total', { ...group, outcome: 'succeeded' })).toBe(2);
    expect(scraped.value('saga_consumer_messages_total', { ...group, outcome: 'duplicate' })).toBe(1);
    expect(scraped.value('saga_consumer_messages_total', { ...group, outcome: 'dead_lettered' })).toBe(1);
    expect(scraped.value('saga_consumer_retries_total', group)).toBe(1);
    expect(scraped.value('saga_consumer_dead_letters_total', { ...group, cause: 'invalid_event' })).toBe(1);
    expect(scraped.value('saga_consumer_handling_duration_seconds_count', group)).toBe(4);
    expect(
      scraped.value('saga_consumer_lag_messages', {
        consumer_group: 'product',
        topic: 'order.processing',
        partition: '2',
      }),
    ).toBe(17);
  });

  it('outbox: publish latency per row from created_at, and the backlog read at scrape time', async () => {
    const now = Date.now();
    prometheusOutboxMetrics.published([{ createdAt: new Date(now - 40) }, { createdAt: new Date(now - 2_000) }], now);
    let reads = 0;
    const unregister = registerOutboxBacklog(async () => {
      reads++;
      return { unpublished: 3, oldestUnpublishedAgeMs: 1_500 };
    });
    const scraped = await scrape();
    unregister();
    expect(scraped.value('saga_outbox_published_total')).toBe(2);
    expect(scraped.value('saga_outbox_publish_latency_seconds_bucket', { le: '0.05' })).toBe(1);
    expect(scraped.value('saga_outbox_publish_latency_seconds_bucket', { le: '2.5' })).toBe(2);
    expect(scraped.value('saga_outbox_unpublished_rows')).toBe(3);
    expect(scraped.value('saga_outbox_oldest_unpublished_age_seconds')).toBe(1.5);
    expect(reads).toBe(1); // both gauges from one query
  });

  it('outbox: a failing backlog read does not fail the scrape', async () => {
    const unregister = registerOutboxBacklog(async () => {
      throw new Error('database down');
    });
    const scraped = await scrape();
    unregister();
    expect(scraped.find('saga_outbox_unpublished_rows')).toHaveLength(1);
  });
});

describe('parseExposition', () => {
  it('reads labels with escaped quotes and rejects garbage', () => {
    const parsed = parseExposition('# TYPE x counter\nx{a="q\\"uote",b="2"} 3\ny 4.5\n');
    expect(parsed.find('x')).toEqual([{ name: 'x', labels: { a: 'q"uote', b: '2' }, value: 3 }]);
    expect(parsed.value('y')).toBe(4.5);
    expect(parsed.types.get('x')).toBe('counter');
    expect(() => parseExposition('not a metric line at all')).toThrow(/not a Prometheus sample/);
  });
});
