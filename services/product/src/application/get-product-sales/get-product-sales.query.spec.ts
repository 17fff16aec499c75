import { ProductNotFoundError } from '../../domain/errors';
import { inventoryWith } from '../testing/fixtures';
import { GetProductSalesQuery } from './get-product-sales.query';

it('reports zero sales for a product never sold and 404s an unknown one', async () => {
  const query = new GetProductSalesQuery(inventoryWith({ id: 'a', stock: 1 }));
  expect(await query.execute('a')).toEqual({ productId: 'a', unitsSold: 0, revenue: 0 });
  await expect(query.execute('ghost')).rejects.toBeInstanceOf(ProductNotFoundError);
});
