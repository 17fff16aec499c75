import { UnknownProductError } from './errors';
import { priceItems } from './pricing';

describe('priceItems', () => {
  const prices = new Map([
    ['p1', 1_200],
    ['p2', 350],
  ]);

  it('prices lines from the catalog and sums the subtotal in minor units', () => {
    const { lines, subtotal } = priceItems(
      [
        { productId: 'p1', quantity: 2 },
        { productId: 'p2', quantity: 3 },
      ],
      prices,
    );
    expect(lines).toEqual([
      { productId: 'p1', quantity: 2, unitPrice: 1_200 },
      { productId: 'p2', quantity: 3, unitPrice: 350 },
    ]);
    expect(subtotal).toBe(3_450);
  });

  it('reports the index of an unknown product', () => {
    try {
      priceItems(
        [
          { productId: 'p1', quantity: 1 },
          { productId: 'nope', quantity: 1 },
        ],
        prices,
      );
      throw new Error('expected UnknownProductError');
    } catch (error) {
      expect(error).toBeInstanceOf(UnknownProductError);
      expect((error as UnknownProductError).itemIndex).toBe(1);
      expect((error as UnknownProductError).productId).toBe('nope');
    }
  });

  it('refuses a subtotal beyond the safe integer range', () => {
    expect(() =>
      priceItems([{ productId: 'big', quantity: 100 }], new Map([['big', Number.MAX_SAFE_INTEGER]])),
    ).toThrow(RangeError);
  });
});
