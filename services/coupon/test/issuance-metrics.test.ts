import { parseExposition } from '@saga/metrics';
import { waitFor } from '@saga/test-harness';
import { call, CouponTestApp, createCoupon, requestCounts, startCouponApp } from './support';

/** coupon_issue_* on GET /metrics of a real coupon service (real Redis, Kafka, PostgreSQL). */
jest.setTimeout(120_000);

describe('coupon issuance metrics (real infra)', () => {
  let t: CouponTestApp;

  beforeAll(async () => {
    t = await startCouponApp();
  });

  afterAll(async () => {
    await t?.close();
  });

  const scrape = async () => {
    const res = await fetch(`${t.baseUrl}/metrics`);
    expect(res.status).toBe(200);
    return parseExposition(await res.text());
  };

  it('counts admitted, rejected by reason and issued', async () => {
    const couponId = await createCoupon(t, 2);
    const before = await scrape();
    const issue = (userId: string) => call(t, 'POST', `/coupons/${couponId}/issue`, t.token(userId));
    expect((await issue('m-1')).status).toBe(201);
    expect((await issue('m-1')).status).toBe(409);
    expect((await issue('m-2')).status).toBe(201);
    expect((await issue('m-3')).status).toBe(409);
    await waitFor(async () => (await requestCounts(t, couponId)).ISSUED === 2, { description: 'both issued' });

    const after = await waitFor(
      async () => {
        const scraped = await scrape();
        return scraped.value('coupon_issued_total') - before.value('coupon_issued_total') === 2 ? scraped : undefined;
      },
      { description: 'coupon_issued_total +2' },
    );
    const delta = (name: string, labels?: Record<string, string>) =>
      after.value(name, labels) - before.value(name, labels);
    expect(delta('coupon_issue_requests_admitted_total')).toBe(2);
    expect(delta('coupon_issue_requests_rejected_total', { reason: 'already_requested' })).toBe(1);
    expect(delta('coupon_issue_requests_rejected_total', { reason: 'sold_out' })).toBe(1);
    expect(
      delta('http_server_request_duration_seconds_count', {
        method: 'POST',
        route: '/coupons/:id/issue',
        status_class: '4xx',
      }),
    ).toBe(2);
    expect(after.samples.every((s) => s.labels.service === 'coupon')).toBe(true);
  });
});
