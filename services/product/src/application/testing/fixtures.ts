import { randomUUID } from 'node:crypto';
import { InMemoryInventory } from './in-memory-inventory';

export function inventoryWith(...products: Array<{ id: string; stock: number; price?: number }>): InMemoryInventory {
  const inventory = new InMemoryInventory();
  for (const p of products) {
    inventory.state.products.set(p.id, { id: p.id, name: `Product ${p.id}`, price: p.price ?? 1000, stock: p.stock });
  }
  return inventory;
}

/** stock + RESERVED/COMMITTED quantities of one product, which must stay equal to initial stock + restocks. */
export function accountedStock(inventory: InMemoryInventory, productId: string): number {
  const held = [...inventory.state.reservations.values()]
    .filter((r) => r.productId === productId && r.status !== 'RELEASED')
    .reduce((sum, r) => sum + r.quantity, 0);
  return inventory.state.products.get(productId)!.stock + held;
}

export const newIds = () => ({ orderId: `order-${randomUUID()}`, causationId: randomUUID() });
