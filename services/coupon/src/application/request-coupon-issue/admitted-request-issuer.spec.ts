import { createEvent, CouponIssued } from '@saga/contracts';
import { InMemoryDatabase } from '../testing/in-memory';
import { AdmittedRequestIssuer } from './admitted-request-issuer';

const issued = (couponId: string, userId: string) =>
  createEvent(CouponIssued, {
    orderId: null,
    causationId: null,
    payload: { couponId, userId, issuedAt: new Date().toISOString() },
  });

/** Counts transactions and the events each one appended; `failWhen` makes a transaction throw before its commit. */
class CountingDatabase extends InMemoryDatabase {
  transactions: number[] = [];
  failWhen: (events: number) => boolean = () => false;
  override async run<T>(work: Parameters<InMemoryDatabase['run']>[0]): Promise<T> {
    let events = 0;
    return super.run(async (tx, outbox) => {
      const result = await work(tx, {
        append: async (...appended) => {
          events += appended.length;
          await outbox.append(...appended);
        },
      });
      this.transactions.push(events);
      if (this.failWhen(events)) throw new Error('injected failure');
      return result as T;
    });
  }
}

describe('AdmittedRequestIssuer', () => {
  let db: CountingDatabase;
  let issuer: AdmittedRequestIssuer<unknown>;
  const issue = (userId: string, couponId = 'C') => issuer.issue({ couponId, userId }, issued(couponId, userId));

  beforeEach(async () => {
    db = new CountingDatabase();
    issuer = new AdmittedRequestIssuer(db, db, 10);
    await db.create({}, { id: 'C', name: 'c', discountType: 'FIXED', discountValue: 100, totalQuantity: 100 });
  });

  it('issues a lone request at once and the requests arriving meanwhile together, at most maxBatch each', async () => {
    const users = Array.from({ length: 25 }, (_, i) => `u${i}`);
    await expect(Promise.all(users.map((u) => issue(u)))).resolves.toEqual(users.map(() => 'issued'));
    expect(db.transactions).toEqual([1, 10, 10, 4]);
    expect(db.published.map((event) => (event.payload as { userId: string }).userId).sort()).toEqual([...users].sort());
    expect(db.state.coupons.get('C')?.issuedCount).toBe(25);
    expect([...db.state.requests.values()].every((request) => request.status === 'ISSUED')).toBe(true);
  });

  it('decides in admission order against the database: units left, settled pairs, unknown coupons', async () => {
    await db.create({}, { id: 'TWO', name: 't', discountType: 'FIXED', discountValue: 1, totalQuantity: 2 });
    await db.grant({}, 'TWO', 'holder');
    await issue('u0');
    const outcomes = await Promise.all([
      issue('u0'),
      issue('a', 'TWO'),
      issue('holder', 'TWO'),
      issue('b', 'TWO'),
      issue('x', 'GONE'),
    ]);
    expect(outcomes).toEqual(['already_requested', 'issued', 'already_requested', 'sold_out', 'coupon_not_found']);
    expect(db.state.coupons.get('TWO')?.issuedCount).toBe(2);
    expect(db.state.requests.get('TWO|b')).toEqual({ status: 'FAILED', reason: 'SOLD_OUT' });
    expect(db.published).toHaveLength(2);
  });

  it('counts requests still PENDING from an earlier version as taken units', async () => {
    await db.create({}, { id: 'ONE', name: 'o', discountType: 'FIXED', discountValue: 1, totalQuantity: 1 });
    db.leavePending('ONE', 'early');
    await expect(issue('late', 'ONE')).resolves.toBe('sold_out');
  });

  it('puts the same user twice into different transactions (the decision reads a pair once)', async () => {
    await expect(Promise.all([issue('u0'), issue('u1'), issue('u1')])).resolves.toEqual([
      'issued',
      'issued',
      'already_requested',
    ]);
    expect(db.transactions).toEqual([1, 1, 0]);
  });

  it('retries a failed batch one request per transaction, so one failure fails only itself', async () => {
    const first = issue('u0');
    const rest = ['u1', 'u2', 'u3'].map((u) => issue(u).then(String, (error: Error) => error.message));
    db.failWhen = (events) => events > 1 || db.transactions.length === 4; // u2 alone
    await first;
    await expect(Promise.all(rest)).resolves.toEqual(['issued', 'injected failure', 'issued']);
    expect(db.transactions).toEqual([1, 3, 1, 1, 1]);
    expect(db.state.coupons.get('C')?.issuedCount).toBe(3);
    expect(db.state.requests.has('C|u2')).toBe(false);
  });
});
