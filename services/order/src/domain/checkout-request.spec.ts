import { canonicalCheckoutRequest } from './checkout-request';

describe('canonicalCheckoutRequest', () => {
  it('ignores item order', () => {
    const a = canonicalCheckoutRequest({
      items: [
        { productId: 'a', quantity: 1 },
        { productId: 'b', quantity: 2 },
      ],
      couponId: null,
    });
    const b = canonicalCheckoutRequest({
      items: [
        { productId: 'b', quantity: 2 },
        { productId: 'a', quantity: 1 },
      ],
      couponId: null,
    });
    expect(a).toBe(b);
  });

  it('distinguishes quantities and coupons', () => {
    const base = { items: [{ productId: 'a', quantity: 1 }], couponId: null };
    expect(canonicalCheckoutRequest(base)).not.toBe(canonicalCheckoutRequest({ ...base, couponId: 'c' }));
    expect(canonicalCheckoutRequest(base)).not.toBe(
      canonicalCheckoutRequest({ ...base, items: [{ productId: 'a', quantity: 2 }] }),
    );
  });
});
