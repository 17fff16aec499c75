export type ReservationStatus = 'RESERVED' | 'RELEASED' | 'COMMITTED';

export interface StockLine {
  productId: string;
  quantity: number;
}

export interface ProductStock {
  productId: string;
  name: string;
  stock: number;
}

export type ReservationDecision =
  { ok: true } | { ok: false; reason: 'UNKNOWN_PRODUCT' | 'OUT_OF_STOCK'; detail: string };

/**
 * One line per product, sorted by productId: the same product twice in an order is one reservation,
 * and every transaction locks products in the same order, so two orders never deadlock.
 */
export function mergeLines(items: readonly StockLine[]): StockLine[] {
  const byProduct = new Map<string, number>();
  for (const item of items) byProduct.set(item.productId, (byProduct.get(item.productId) ?? 0) + item.quantity);
  return [...byProduct.entries()]
    .map(([productId, quantity]) => ({ productId, quantity }))
    .sort((a, b) => (a.productId < b.productId ? -1 : a.productId > b.productId ? 1 : 0));
}

/** All-or-nothing: every line must name a known product with enough stock. Unknown products win over shortages. */
export function decideReservation(lines: readonly StockLine[], stocks: readonly ProductStock[]): ReservationDecision {
  const byId = new Map(stocks.map((s) => [s.productId, s]));
  const unknown = lines.filter((l) => !byId.has(l.productId));
  if (unknown.length > 0) {
    return {
      ok: false,
      reason: 'UNKNOWN_PRODUCT',
      detail: `unknown product(s): ${unknown.map((l) => l.productId).join(', ')}`,
    };
  }
  const short = lines.filter((l) => byId.get(l.productId)!.stock < l.quantity);
  if (short.length > 0) {
    const described = short.map((l) => {
      const p = byId.get(l.productId)!;
      return `${p.name} (${p.productId}): requested ${l.quantity}, available ${p.stock}`;
    });
    return { ok: false, reason: 'OUT_OF_STOCK', detail: `out of stock: ${described.join('; ')}` };
  }
  return { ok: true };
}
