import { InMemoryDatabase } from '../testing/in-memory';
import { ApplyCouponUseCase } from '../apply-coupon/apply-coupon.use-case';
import { RestoreCouponUseCase } from './restore-coupon.use-case';

describe('RestoreCouponUseCase', () => {
  let db: InMemoryDatabase;
  let restore: RestoreCouponUseCase<unknown>;
  const placed = { eventId: '6f1c1d1e-0000-4000-8000-000000000001', userId: 'alice', couponId: 'C', subtotal: 1000 };

  beforeEach(async () => {
    db = new InMemoryDatabase();
    restore = new RestoreCouponUseCase(db, db, db);
    await db.create({}, { id: 'C', name: 'c', discountType: 'FIXED', discountValue: 500, totalQuantity: 1 });
    await db.grant({}, 'C', 'alice');
    await new ApplyCouponUseCase({ uow: db, coupons: db, userCoupons: db, ledger: db }).execute({
      ...placed,
      orderId: 'o1',
    });
  });

  it('makes the coupon AVAILABLE again exactly once', async () => {
    await expect(restore.execute({ orderId: 'o1', reason: 'INSUFFICIENT_BALANCE' })).resolves.toBe('restored');
    await expect(restore.execute({ orderId: 'o1', reason: 'INSUFFICIENT_BALANCE' })).resolves.toBe('tombstoned');
    expect(await db.find({}, 'C', 'alice')).toMatchObject({ status: 'AVAILABLE', usedByOrderId: null });
  });

  it('does not restore a usage that belongs to another order', async () => {
    await expect(restore.execute({ orderId: 'o2', reason: 'COUPON_ALREADY_USED' })).resolves.toBe('tombstoned');
    expect(await db.find({}, 'C', 'alice')).toMatchObject({ status: 'USED', usedByOrderId: 'o1' });
  });

  it('lets the restored coupon be used by a later order', async () => {
    await restore.execute({ orderId: 'o1', reason: 'TIMEOUT' });
    const apply = new ApplyCouponUseCase({ uow: db, coupons: db, userCoupons: db, ledger: db });
    await expect(apply.execute({ ...placed, orderId: 'o3' })).resolves.toBe('applied');
  });
});
