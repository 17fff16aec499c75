export interface SoldLine {
  productId: string;
  quantity: number;
  unitPrice: number;
}

export interface SalesIncrement {
  productId: string;
  units: number;
  revenue: number;
}

/** Sales per product of one completed order (a product may appear on several lines). */
export function salesOf(lines: readonly SoldLine[]): Map<string, SalesIncrement> {
  const result = new Map<string, SalesIncrement>();
  for (const line of lines) {
    const current = result.get(line.productId) ?? { productId: line.productId, units: 0, revenue: 0 };
    current.units += line.quantity;
    current.revenue += line.quantity * line.unitPrice;
    result.set(line.productId, current);
  }
  return result;
}
