import type { Envelope } from '@saga/contracts';
import type { Product, ProductChanges } from '../../domain/product';
import type { ReservationStatus, StockLine } from '../../domain/reservation';
import type { InventoryTx, InventoryUnitOfWork } from '../ports/inventory-unit-of-work';
import type { ProductPage, ProductReadModel, ProductSales } from '../ports/product-read-model';

interface State {
  products: Map<string, Product>;
  reservations: Map<string, StockLine & { orderId: string; status: ReservationStatus }>;
  tombstones: Map<string, string>;
  sales: Map<string, ProductSales>;
  outbox: Envelope[];
}

/** Unit-test fake of the inventory ports; a failing unit of work leaves no trace, like a rolled-back transaction. */
export class InMemoryInventory implements InventoryUnitOfWork, ProductReadModel {
  state: State = { products: new Map(), reservations: new Map(), tombstones: new Map(), sales: new Map(), outbox: [] };

  async run<T>(work: (tx: InventoryTx) => Promise<T>): Promise<T> {
    const before = structuredClone(this.state);
    try {
      return await work(this.tx());
    } catch (error) {
      this.state = before;
      throw error;
    }
  }

  get outbox(): Envelope[] {
    return this.state.outbox;
  }

  reservationsOf(orderId: string) {
    return [...this.state.reservations.values()].filter((r) => r.orderId === orderId);
  }

  async findById(productId: string): Promise<Product | null> {
    const product = this.state.products.get(productId);
    return product ? { ...product } : null;
  }

  async list({ limit, after }: { limit: number; after: string | null }): Promise<ProductPage> {
    const sorted = [...this.state.products.values()].sort((a, b) => a.id.localeCompare(b.id));
    const rest = sorted.filter((p) => after === null || p.id > after);
    const items = rest.slice(0, limit);
    return { items, nextCursor: rest.length > limit ? items[items.length - 1].id : null };
  }

  async salesOf(productId: string): Promise<ProductSales | null> {
    return this.state.sales.get(productId) ?? null;
  }

  private tx(): InventoryTx {
    const s = () => this.state;
    const key = (orderId: string, productId: string) => `${orderId}/${productId}`;
    return {
      orders: {
        lock: async () => undefined,
        isTombstoned: async (orderId) => s().tombstones.has(orderId),
        tombstone: async (orderId, reason) => {
          if (!s().tombstones.has(orderId)) s().tombstones.set(orderId, reason);
        },
      },
      products: {
        lockStock: async (ids) =>
          [...ids].sort().flatMap((id) => {
            const p = s().products.get(id);
            return p ? [{ productId: p.id, name: p.name, stock: p.stock }] : [];
          }),
        takeStock: async (lines) => {
          for (const { productId, quantity } of lines) {
            const p = s().products.get(productId);
            if (p && p.stock < quantity) throw new Error('check constraint product_stock_non_negative');
            if (p) p.stock -= quantity;
          }
        },
        returnStock: async (lines) => {
          for (const { productId, quantity } of lines) {
            const p = s().products.get(productId);
            if (p) p.stock += quantity;
          }
        },
        insert: async (product) => {
          if (s().products.has(product.id)) return false;
          s().products.set(product.id, { ...product });
          return true;
        },
        update: async (id, changes: ProductChanges) => {
          const p = s().products.get(id);
          if (!p) return null;
          if (changes.name !== undefined) p.name = changes.name;
          if (changes.price !== undefined) p.price = changes.price;
          if (changes.restock !== undefined) p.stock += changes.restock;
          return { ...p };
        },
      },
      reservations: {
        linesOf: async (orderId) =>
          this.reservationsOf(orderId).map(({ productId, quantity, status }) => ({ productId, quantity, status })),
        reserve: async (orderId, lines) => {
          for (const line of lines) {
            if (s().reservations.has(key(orderId, line.productId))) throw new Error('unique (order_id, product_id)');
            s().reservations.set(key(orderId, line.productId), { ...line, orderId, status: 'RESERVED' });
          }
        },
        transition: async (orderId, from, to) =>
          this.reservationsOf(orderId)
            .filter((r) => r.status === from)
            .map((r) => {
              r.status = to;
              return { productId: r.productId, quantity: r.quantity };
            }),
      },
      sales: {
        add: async (increments) => {
          for (const { productId, units, revenue } of increments) {
            const current = s().sales.get(productId) ?? { productId, unitsSold: 0, revenue: 0 };
            s().sales.set(productId, {
              productId,
              unitsSold: current.unitsSold + units,
              revenue: current.revenue + revenue,
            });
          }
        },
      },
      outbox: {
        append: async (...events) => {
          s().outbox.push(...events);
        },
      },
    };
  }
}
