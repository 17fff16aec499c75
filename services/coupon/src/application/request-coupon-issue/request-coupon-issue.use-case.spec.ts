import { IssueRequestRefusedError, IssueTemporarilyUnavailableError, CouponNotFoundError } from '../../domain';
import { InMemoryAdmission, InMemoryDatabase } from '../testing/in-memory';
import { RequestCouponIssueUseCase } from './request-coupon-issue.use-case';

describe('RequestCouponIssueUseCase', () => {
  let db: InMemoryDatabase;
  let admission: InMemoryAdmission;
  let request: RequestCouponIssueUseCase<unknown>;

  beforeEach(async () => {
    db = new InMemoryDatabase();
    admission = new InMemoryAdmission();
    request = new RequestCouponIssueUseCase(db, db, admission);
    await db.create({}, { id: 'FCFS', name: 'f', discountType: 'FIXED', discountValue: 100, totalQuantity: 3 });
  });

  const refusal = (p: Promise<unknown>) =>
    p.then(
      () => 'accepted',
      (e) => (e instanceof IssueRequestRefusedError ? e.reason : Promise.reject(e)),
    );

  it('issues up to the quantity with one CouponIssued each, refuses the rest', async () => {
    const users = ['u1', 'u2', 'u2', 'u3', 'u4', 'u5'];
    const outcomes = await Promise.all(users.map((userId) => refusal(request.execute({ couponId: 'FCFS', userId }))));
    expect(outcomes.filter((o) => o === 'accepted')).toHaveLength(3);
    expect(outcomes.filter((o) => o !== 'accepted').every((o) => o === 'sold_out' || o === 'already_requested')).toBe(
      true,
    );
    expect(db.published.filter((e) => e.type === 'CouponIssued')).toHaveLength(3);
    expect([...db.state.requests.values()].every((r) => r.status === 'ISSUED')).toBe(true);
    expect(db.state.coupons.get('FCFS')?.issuedCount).toBe(3);
    expect(admission.coupons.get('FCFS')?.remaining).toBe(0);
    expect(admission.coupons.get('FCFS')?.statuses.get('u1')).toBe('ISSUED');
  });

  it('refuses a second request by the same user', async () => {
    await request.execute({ couponId: 'FCFS', userId: 'u1' });
    await expect(refusal(request.execute({ couponId: 'FCFS', userId: 'u1' }))).resolves.toBe('already_requested');
  });

  it('rolls the reservation back and reports a retryable error when the commit fails', async () => {
    await admission.rebuild((await db.admissionSnapshot({}, 'FCFS'))!);
    db.failNextCommit = true;
    await expect(request.execute({ couponId: 'FCFS', userId: 'u1' })).rejects.toBeInstanceOf(
      IssueTemporarilyUnavailableError,
    );
    expect(admission.coupons.get('FCFS')).toMatchObject({ remaining: 3 });
    expect(admission.coupons.get('FCFS')?.users.has('u1')).toBe(false);
    expect(db.published).toHaveLength(0);
    await expect(request.execute({ couponId: 'FCFS', userId: 'u1' })).resolves.toBeUndefined();
  });

  it('rebuilds a flushed cache from the database before admitting: never over-admits', async () => {
    await request.execute({ couponId: 'FCFS', userId: 'u1' });
    await request.execute({ couponId: 'FCFS', userId: 'u2' });
    admission.flush();
    const outcomes = await Promise.all(
      ['u1', 'u2', 'u3', 'u4'].map((userId) => refusal(request.execute({ couponId: 'FCFS', userId }))),
    );
    expect(outcomes).toEqual(['already_requested', 'already_requested', 'accepted', 'sold_out']);
  });

  it('a cache that over-admits (it missed a grant) gets sold_out from the database, never an extra unit', async () => {
    await request.execute({ couponId: 'FCFS', userId: 'u1' });
    await db.grant({}, 'FCFS', 'granted-1');
    await db.grant({}, 'FCFS', 'granted-2');
    await expect(refusal(request.execute({ couponId: 'FCFS', userId: 'u2' }))).resolves.toBe('sold_out');
    expect(db.state.coupons.get('FCFS')?.issuedCount).toBe(3);
    expect(admission.coupons.get('FCFS')?.statuses.get('u2')).toBe('FAILED');
  });

  it('answers ISSUED once committed even when the cache then fails', async () => {
    await admission.rebuild((await db.admissionSnapshot({}, 'FCFS'))!);
    admission.setStatus = () => Promise.reject(new Error('redis down'));
    await expect(request.execute({ couponId: 'FCFS', userId: 'u1' })).resolves.toBeUndefined();
    expect(db.state.requests.get('FCFS|u1')?.status).toBe('ISSUED');
  });

  it('answers not found for an unknown coupon', async () => {
    await expect(request.execute({ couponId: 'NOPE', userId: 'u1' })).rejects.toBeInstanceOf(CouponNotFoundError);
  });
});
