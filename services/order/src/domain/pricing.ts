import { OrderLine } from './order';
import { UnknownProductError } from './errors';

export interface RequestedItem {
  productId: string;
  quantity: number;
}

/** Prices every requested item from the known catalog prices (integer minor units). */
export function priceItems(
  items: readonly RequestedItem[],
  priceOf: ReadonlyMap<string, number>,
): { lines: OrderLine[]; subtotal: number } {
  const lines = items.map((item, index) => {
    const unitPrice = priceOf.get(item.productId);
    if (unitPrice === undefined) throw new UnknownProductError(item.productId, index);
    return { productId: item.productId, quantity: item.quantity, unitPrice };
  });
  const subtotal = lines.reduce((sum, line) => sum + line.unitPrice * line.quantity, 0);
  if (!Number.isSafeInteger(subtotal)) throw new RangeError('order subtotal exceeds the safe integer range');
  return { lines, subtotal };
}
