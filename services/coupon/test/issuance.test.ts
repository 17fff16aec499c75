import { CouponIssueRequested, createEvent, deadLetterTopicOf, Topics } from '@saga/contracts';
import { readDeadLetters, replayDeadLetters } from '@saga/messaging';
import { readAll, testKafka, waitFor } from '@saga/test-harness';
import { admissionKeys } from '../src/infrastructure/redis/redis-issue-admission';
import { call, CouponTestApp, createCoupon, holdings, requestCounts, startCouponApp, withConcurrency } from './support';

jest.setTimeout(360_000);

describe('first-come-first-served issuance (real Redis, Kafka, PostgreSQL)', () => {
  let t: CouponTestApp;

  beforeAll(async () => {
    t = await startCouponApp();
  });

  afterAll(async () => {
    await t?.close();
  });

  const issue = (couponId: string, userId: string) => call(t, 'POST', `/coupons/${couponId}/issue`, t.token(userId));
  const statusOf = async (couponId: string, userId: string) =>
    (await call(t, 'GET', `/coupons/${couponId}/issue-status`, t.token(userId))).body.status as string;
  const settled = (couponId: string) =>
    waitFor(async () => !(await requestCounts(t, couponId)).PENDING, {
      timeoutMs: 180_000,
      description: 'no PENDING request left',
    });

  it('5,000 concurrent requests from 2,000 users for 100 units: exactly 100 issued, everyone else refused clearly', async () => {
    const couponId = await createCoupon(t, 100);
    // Users 0..1999 each request once, 3,000 more requests repeat users (some many times).
    const users = Array.from({ length: 5000 }, (_, i) => `burst-${i < 2000 ? i : (i * 7919) % 2000}`);
    users.forEach((u) => t.token(u)); // sign outside the burst: the test shares the service's 2 cores
    const results = await withConcurrency(
      100,
      users.map((userId) => () => issue(couponId, userId).then((r) => ({ userId, ...r }))),
    );

    const accepted = results.filter((r) => r.status === 201);
    const refused = results.filter((r) => r.status === 409);
    expect(accepted).toHaveLength(100);
    expect(new Set(accepted.map((r) => r.body.status))).toEqual(new Set(['ISSUED']));
    expect(refused).toHaveLength(4900);
    expect(new Set(refused.map((r) => r.body.error))).toEqual(new Set(['sold_out', 'already_requested']));
    expect(new Set(accepted.map((r) => r.userId)).size).toBe(100);

    // Answered once committed: nothing is left to wait for.
    expect(await requestCounts(t, couponId)).toEqual({ ISSUED: 100 });
    expect(await holdings(t, couponId)).toEqual({ holders: 100, distinct: 100, issuedCount: 100 });
    const holders = (await t.sql.query(`SELECT user_id FROM user_coupon WHERE coupon_id = $1`, [couponId])).rows.map(
      (r) => r.user_id,
    );
    expect(new Set(holders)).toEqual(new Set(accepted.map((r) => r.userId)));

    // The API (Redis first, DB fallback) agrees with the DB for winners and for a sample of losers.
    const winnerStatuses = await withConcurrency(
      20,
      accepted.map((r) => () => statusOf(couponId, r.userId)),
    );
    expect(new Set(winnerStatuses)).toEqual(new Set(['ISSUED']));
    const losers = [...new Set(refused.map((r) => r.userId))].filter((u) => !holders.includes(u)).slice(0, 50);
    const loserStatuses = await Promise.all(losers.map((u) => statusOf(couponId, u)));
    expect(new Set(loserStatuses)).toEqual(new Set(['NOT_REQUESTED']));
    expect(await t.redis.get(admissionKeys(couponId)[0])).toBe('0');
  });

  it('requests an earlier version left PENDING are drained: failures retried, dead-lettered with the reason, units returned; a replay issues them', async () => {
    const couponId = await createCoupon(t, 20);
    const users = Array.from({ length: 20 }, (_, i) => `dlq-${i}`);
    const failing = users.slice(0, 5);
    failing.forEach((u) => t.faults.failingUsers.add(u));
    // What a version that issued asynchronously left behind at the upgrade: PENDING rows and their events.
    await t.sql.query(
      `INSERT INTO coupon_issue_request (coupon_id, user_id, status) SELECT $1, unnest($2::text[]), 'PENDING'`,
      [couponId, users],
    );
    expect((await issue(couponId, 'after-upgrade')).body).toMatchObject({ error: 'sold_out' }); // PENDING units are taken
    const kafka = testKafka();
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic: t.topicPrefix + Topics.CouponIssueRequested,
      messages: users.map((userId) => ({
        key: couponId,
        value: JSON.stringify(
          createEvent(CouponIssueRequested, {
            orderId: null,
            causationId: null,
            payload: { couponId, userId, requestedAt: new Date().toISOString() },
          }),
        ),
      })),
    });
    await producer.disconnect();
    await settled(couponId);

    expect(await requestCounts(t, couponId)).toEqual({ ISSUED: 15, FAILED: 5 });
    expect(await holdings(t, couponId)).toMatchObject({ holders: 15, issuedCount: 15 });
    const reasons = await t.sql.query(
      `SELECT user_id, reason FROM coupon_issue_request WHERE coupon_id = $1 AND status = 'FAILED'`,
      [couponId],
    );
    expect(reasons.rows.map((r) => r.user_id).sort()).toEqual([...failing].sort());
    for (const row of reasons.rows) expect(row.reason).toMatch(/^DEAD_LETTERED: Error: injected failure/);
    for (const u of failing) expect(await statusOf(couponId, u)).toBe('FAILED');
    expect(await t.redis.get(admissionKeys(couponId)[0])).toBe('5'); // the units came back

    const dlqTopic = t.topicPrefix + deadLetterTopicOf(Topics.CouponIssueRequested);
    const letters = (await readAll(dlqTopic)).filter((m) => m.key === couponId);
    expect(letters).toHaveLength(5);
    for (const letter of letters) {
      expect(letter.headers['x-dlq-error']).toMatch(/injected failure/);
      expect(letter.headers['x-dlq-attempts']).toBe('3');
      expect(letter.headers['x-dlq-consumer-group']).toBe(`${t.topicPrefix}coupon.IssueCouponOnCouponIssueRequested`); // test runs prefix groups too
    }

    t.faults.failingUsers.clear();
    const records = (await readDeadLetters(kafka, dlqTopic)).filter((r) => r.key?.toString() === couponId);
    expect(await replayDeadLetters(kafka, records)).toBe(5);
    await waitFor(async () => (await requestCounts(t, couponId)).ISSUED === 20, {
      timeoutMs: 60_000,
      description: 'replayed requests issued',
    });
    expect(await holdings(t, couponId)).toEqual({ holders: 20, distinct: 20, issuedCount: 20 });
    for (const u of failing) expect(await statusOf(couponId, u)).toBe('ISSUED');
    expect(await t.redis.get(admissionKeys(couponId)[0])).toBe('0');
    expect((await issue(couponId, 'late-user')).body).toMatchObject({ error: 'sold_out' });
  });

  it('Redis flushed mid-burst: the cache is rebuilt from the database and never more than 100 are issued', async () => {
    const couponId = await createCoupon(t, 100);
    const users = Array.from({ length: 3000 }, (_, i) => `flush-${i % 1500}`);
    let done = 0;
    let flushed = false;
    const results = await withConcurrency(
      150,
      users.map((userId) => async () => {
        const result = await issue(couponId, userId);
        if (++done === 60 && !flushed) {
          flushed = true;
          await t.redis.flushdb();
        }
        return { userId, ...result };
      }),
    );
    expect(flushed).toBe(true);
    expect(results.filter((r) => r.status !== 201 && r.status !== 409)).toEqual([]);
    const accepted = results.filter((r) => r.status === 201);
    // The database is the last guard: requests a rebuilt cache admitted beyond the real quantity get sold_out.
    expect(accepted).toHaveLength(100);

    const counts = await requestCounts(t, couponId);
    expect(counts.PENDING).toBeUndefined();
    expect(counts.ISSUED).toBe(100);
    expect(await holdings(t, couponId)).toEqual({ holders: 100, distinct: 100, issuedCount: 100 });
    const holders = (await t.sql.query(`SELECT user_id FROM user_coupon WHERE coupon_id = $1`, [couponId])).rows;
    expect(new Set(holders.map((r) => r.user_id))).toEqual(new Set(accepted.map((r) => r.userId)));
    const failed = await t.sql.query(
      `SELECT reason FROM coupon_issue_request WHERE coupon_id = $1 AND status = 'FAILED'`,
      [couponId],
    );
    for (const row of failed.rows) expect(row.reason).toBe('SOLD_OUT');
  });

  it('validates input and protects the endpoints', async () => {
    const couponId = await createCoupon(t, 1);
    expect(
      (
        await call(t, 'POST', '/coupons', t.token('a', 'admin'), {
          name: 'x',
          discountType: 'PERCENT',
          discountValue: 150,
          totalQuantity: 1,
        })
      ).body,
    ).toMatchObject({ error: 'validation_failed', issues: [expect.objectContaining({ path: 'discountValue' })] });
    expect(
      (
        await call(t, 'POST', '/coupons', t.token('c'), {
          name: 'x',
          discountType: 'FIXED',
          discountValue: 1,
          totalQuantity: 1,
        })
      ).status,
    ).toBe(403);
    expect((await call(t, 'POST', `/coupons/${couponId}/grant`, t.token('a', 'admin'), {})).status).toBe(400);
    expect((await call(t, 'POST', `/coupons/unknown-coupon/issue`, t.token('c'))).status).toBe(404);
    expect((await call(t, 'POST', `/coupons/${couponId}/grant`, t.token('a', 'admin'), { userId: 'g1' })).status).toBe(
      201,
    );
    expect((await call(t, 'POST', `/coupons/${couponId}/grant`, t.token('a', 'admin'), { userId: 'g1' })).status).toBe(
      409,
    );
    expect((await call(t, 'POST', `/coupons/${couponId}/issue`, t.token('c'))).body).toMatchObject({
      error: 'sold_out',
    });
    expect((await call(t, 'GET', '/coupons/mine', t.token('g1'))).body).toEqual([
      expect.objectContaining({ couponId, status: 'AVAILABLE' }),
    ]);
    expect((await call(t, 'GET', `/coupons/${couponId}`, t.token('g1'))).body).toMatchObject({
      id: couponId,
      issuedCount: 1,
      totalQuantity: 1,
    });
  });
});
