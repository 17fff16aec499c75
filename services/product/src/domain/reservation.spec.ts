import { decideReservation, mergeLines } from './reservation';

describe('mergeLines', () => {
  it('merges repeated products and sorts by productId so locks are always taken in one order', () => {
    expect(
      mergeLines([
        { productId: 'b', quantity: 1 },
        { productId: 'a', quantity: 2 },
        { productId: 'b', quantity: 3 },
      ]),
    ).toEqual([
      { productId: 'a', quantity: 2 },
      { productId: 'b', quantity: 4 },
    ]);
  });
});

describe('decideReservation', () => {
  const stocks = [
    { productId: 'a', name: 'Apple', stock: 2 },
    { productId: 'b', name: 'Banana', stock: 0 },
  ];

  it('accepts when every line fits, including a line that takes the last unit', () => {
    expect(decideReservation([{ productId: 'a', quantity: 2 }], stocks)).toEqual({ ok: true });
  });

  it('refuses OUT_OF_STOCK naming the short product', () => {
    const decision = decideReservation(
      [
        { productId: 'a', quantity: 1 },
        { productId: 'b', quantity: 1 },
      ],
      stocks,
    );
    expect(decision).toMatchObject({ ok: false, reason: 'OUT_OF_STOCK' });
    expect(decision.ok === false && decision.detail).toContain('Banana (b): requested 1, available 0');
  });

  it('refuses UNKNOWN_PRODUCT before looking at shortages', () => {
    const decision = decideReservation(
      [
        { productId: 'b', quantity: 1 },
        { productId: 'zzz', quantity: 1 },
      ],
      stocks,
    );
    expect(decision).toMatchObject({ ok: false, reason: 'UNKNOWN_PRODUCT' });
    expect(decision.ok === false && decision.detail).toContain('zzz');
  });
});
