import { salesOf } from './sales';

it('sums units and revenue per product across lines', () => {
  const sales = salesOf([
    { productId: 'a', quantity: 2, unitPrice: 150 },
    { productId: 'b', quantity: 1, unitPrice: 999 },
    { productId: 'a', quantity: 1, unitPrice: 100 },
  ]);
  expect(sales.get('a')).toEqual({ productId: 'a', units: 3, revenue: 400 });
  expect(sales.get('b')).toEqual({ productId: 'b', units: 1, revenue: 999 });
});
