import { randomUUID } from 'node:crypto';
import { InMemoryDatabase } from '../testing/in-memory';
import { RestoreCouponUseCase } from '../restore-coupon/restore-coupon.use-case';
import { ApplyCouponUseCase, ApplyCouponCommand } from './apply-coupon.use-case';

describe('ApplyCouponUseCase', () => {
  let db: InMemoryDatabase;
  let apply: ApplyCouponUseCase<unknown>;

  beforeEach(async () => {
    db = new InMemoryDatabase();
    apply = new ApplyCouponUseCase({ uow: db, coupons: db, userCoupons: db, ledger: db });
    await db.create({}, { id: 'WELCOME', name: 'w', discountType: 'PERCENT', discountValue: 10, totalQuantity: 10 });
    await db.grant({}, 'WELCOME', 'alice');
  });

  const order = (overrides: Partial<ApplyCouponCommand> = {}): ApplyCouponCommand => ({
    eventId: randomUUID(),
    orderId: 'order-1',
    userId: 'alice',
    couponId: 'WELCOME',
    subtotal: 12_345,
    ...overrides,
  });

  it('does nothing and emits nothing for an order without a coupon', async () => {
    await expect(apply.execute(order({ couponId: null }))).resolves.toBe('no_coupon');
    expect(db.published).toHaveLength(0);
  });

  it('marks the coupon USED by the order and emits CouponApplied with the discount', async () => {
    const command = order();
    await expect(apply.execute(command)).resolves.toBe('applied');
    expect(await db.find({}, 'WELCOME', 'alice')).toMatchObject({ status: 'USED', usedByOrderId: 'order-1' });
    expect(db.published).toEqual([
      expect.objectContaining({
        type: 'CouponApplied',
        orderId: 'order-1',
        causationId: command.eventId,
        payload: { couponId: 'WELCOME', userId: 'alice', discountType: 'PERCENT', discountValue: 10, discount: 1234 },
      }),
    ]);
  });

  it('has one effect when the same order is delivered twice', async () => {
    await apply.execute(order());
    await expect(apply.execute(order())).resolves.toBe('already_applied');
    expect(db.published.map((e) => e.type)).toEqual(['CouponApplied']);
  });

  it.each([
    ['COUPON_NOT_FOUND', { couponId: 'NOPE' }],
    ['COUPON_NOT_OWNED', { userId: 'bob' }],
  ])('fails the order with %s', async (reason, overrides) => {
    await expect(apply.execute(order(overrides))).resolves.toBe(reason);
    expect(db.published).toEqual([
      expect.objectContaining({
        type: 'OrderProcessingFailed',
        payload: expect.objectContaining({ reason, failedBy: 'coupon' }),
      }),
    ]);
  });

  it('lets exactly one of two orders with the same coupon win', async () => {
    const results = await Promise.all([apply.execute(order()), apply.execute(order({ orderId: 'order-2' }))]);
    expect(results.sort()).toEqual(['COUPON_ALREADY_USED', 'applied']);
    expect(db.published.map((e) => e.type).sort()).toEqual(['CouponApplied', 'OrderProcessingFailed']);
  });

  it('never acts for an order that was already cancelled (tombstone)', async () => {
    await new RestoreCouponUseCase(db, db, db).execute({ orderId: 'order-1', reason: 'TIMEOUT' });
    await expect(apply.execute(order())).resolves.toBe('tombstoned');
    expect(db.published).toHaveLength(0);
    expect(await db.find({}, 'WELCOME', 'alice')).toMatchObject({ status: 'AVAILABLE' });
  });
});
