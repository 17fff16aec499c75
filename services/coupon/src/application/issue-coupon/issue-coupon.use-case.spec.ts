import { InMemoryAdmission, InMemoryDatabase } from '../testing/in-memory';
import { FailCouponIssueUseCase } from '../fail-coupon-issue/fail-coupon-issue.use-case';
import { GetIssueStatusQuery } from '../get-issue-status/get-issue-status.query';
import { IssueCouponUseCase } from './issue-coupon.use-case';

/** Requests that coupon versions issuing asynchronously left PENDING, drained by the consumer after an upgrade. */
describe('issuing requests accepted before the upgrade', () => {
  let db: InMemoryDatabase;
  let admission: InMemoryAdmission;
  let issue: IssueCouponUseCase<unknown>;
  let fail: FailCouponIssueUseCase<unknown>;
  let status: GetIssueStatusQuery<unknown>;
  const c = 'FCFS';

  const acceptedBefore = async (...users: string[]) => {
    for (const userId of users) db.leavePending(c, userId);
    admission.flush();
    await admission.rebuild((await db.admissionSnapshot({}, c))!);
  };

  beforeEach(async () => {
    db = new InMemoryDatabase();
    admission = new InMemoryAdmission();
    issue = new IssueCouponUseCase(db, db, db, admission);
    fail = new FailCouponIssueUseCase(db, db, admission);
    status = new GetIssueStatusQuery(db, db, admission);
    await db.create({}, { id: c, name: 'f', discountType: 'FIXED', discountValue: 100, totalQuantity: 2 });
  });

  it('issues once even when the request is delivered twice', async () => {
    await acceptedBefore('u1');
    await expect(status.execute({ couponId: c, userId: 'u1' })).resolves.toBe('PENDING');
    await expect(issue.execute({ couponId: c, userId: 'u1' })).resolves.toBe('issued');
    await expect(issue.execute({ couponId: c, userId: 'u1' })).resolves.toBe('already_held');
    expect(db.state.coupons.get(c)?.issuedCount).toBe(1);
    await expect(status.execute({ couponId: c, userId: 'u1' })).resolves.toBe('ISSUED');
  });

  it('is the last guard: an over-admitted request fails SOLD_OUT instead of over-issuing', async () => {
    for (const userId of ['u1', 'u2']) await db.grant({}, c, userId);
    await acceptedBefore('u3');
    await expect(issue.execute({ couponId: c, userId: 'u3' })).resolves.toBe('sold_out');
    expect(db.state.coupons.get(c)?.issuedCount).toBe(2);
    await expect(status.execute({ couponId: c, userId: 'u3' })).resolves.toBe('FAILED');
  });

  it('a dead-lettered request is FAILED and its unit goes back; a replay issues it and takes the unit again', async () => {
    await acceptedBefore('u1');
    expect(admission.coupons.get(c)?.remaining).toBe(1);
    await expect(fail.execute({ couponId: c, userId: 'u1', detail: 'db down' })).resolves.toBe(true);
    await expect(fail.execute({ couponId: c, userId: 'u1', detail: 'db down' })).resolves.toBe(false);
    expect(admission.coupons.get(c)?.remaining).toBe(2);
    await expect(status.execute({ couponId: c, userId: 'u1' })).resolves.toBe('FAILED');

    await expect(issue.execute({ couponId: c, userId: 'u1' })).resolves.toBe('issued');
    expect(admission.coupons.get(c)?.remaining).toBe(1);
    await expect(status.execute({ couponId: c, userId: 'u1' })).resolves.toBe('ISSUED');
  });

  it('falls back to the database when the cache has nothing', async () => {
    await acceptedBefore('u1');
    await issue.execute({ couponId: c, userId: 'u1' });
    admission.flush();
    await expect(status.execute({ couponId: c, userId: 'u1' })).resolves.toBe('ISSUED');
    await expect(status.execute({ couponId: c, userId: 'u9' })).resolves.toBe('NOT_REQUESTED');
  });
});
