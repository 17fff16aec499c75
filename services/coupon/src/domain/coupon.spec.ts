import { assertValidDefinition, discountFor, InvalidCouponDefinitionError } from './coupon';
import { explainUnusable } from './user-coupon';

describe('discountFor', () => {
  it('takes a FIXED amount but never more than the subtotal', () => {
    expect(discountFor({ discountType: 'FIXED', discountValue: 1500 }, 10_000)).toBe(1500);
    expect(discountFor({ discountType: 'FIXED', discountValue: 1500 }, 999)).toBe(999);
  });

  it('floors a PERCENT discount in minor units', () => {
    expect(discountFor({ discountType: 'PERCENT', discountValue: 15 }, 999)).toBe(149);
    expect(discountFor({ discountType: 'PERCENT', discountValue: 100 }, 4321)).toBe(4321);
  });

  it('stays exact for subtotals where subtotal * percent exceeds 2^53', () => {
    const subtotal = Number.MAX_SAFE_INTEGER;
    expect(discountFor({ discountType: 'PERCENT', discountValue: 99 }, subtotal)).toBe(
      Number((BigInt(subtotal) * 99n) / 100n),
    );
  });

  it('never exceeds the subtotal for any valid coupon (property over a grid)', () => {
    for (const subtotal of [0, 1, 7, 99, 100, 12345, 10 ** 9]) {
      for (const value of [1, 33, 50, 100]) {
        const percent = discountFor({ discountType: 'PERCENT', discountValue: value }, subtotal);
        const fixed = discountFor({ discountType: 'FIXED', discountValue: value * 100 }, subtotal);
        for (const d of [percent, fixed]) {
          expect(Number.isInteger(d)).toBe(true);
          expect(d).toBeGreaterThanOrEqual(0);
          expect(d).toBeLessThanOrEqual(subtotal);
        }
      }
    }
  });
});

describe('assertValidDefinition', () => {
  const base = { id: 'c', name: 'n', discountType: 'PERCENT' as const, discountValue: 10, totalQuantity: 5 };

  it.each([0, 101, 2.5])('refuses PERCENT %p', (discountValue) => {
    expect(() => assertValidDefinition({ ...base, discountValue })).toThrow(InvalidCouponDefinitionError);
  });

  it('refuses a negative quantity and accepts a sane coupon', () => {
    expect(() => assertValidDefinition({ ...base, totalQuantity: -1 })).toThrow('totalQuantity');
    expect(() => assertValidDefinition(base)).not.toThrow();
  });
});

describe('explainUnusable', () => {
  const held = { couponId: 'c', userId: 'u', issuedAt: new Date() };

  it('tells not-owned, used-by-another and the same order apart', () => {
    expect(explainUnusable(null, 'o1')).toBe('COUPON_NOT_OWNED');
    expect(explainUnusable({ ...held, status: 'USED', usedByOrderId: 'o2' }, 'o1')).toBe('COUPON_ALREADY_USED');
    expect(explainUnusable({ ...held, status: 'USED', usedByOrderId: 'o1' }, 'o1')).toBe('applied');
  });
});
