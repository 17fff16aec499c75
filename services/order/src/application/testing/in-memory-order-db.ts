import type { Envelope } from '@saga/contracts';
import {
  acceptsBranchSuccess,
  applyDiscount,
  canCancel,
  canComplete,
  canMarkProcessingSucceeded,
  Order,
  ProcessingBranch,
} from '../../domain/order';
import { NON_TERMINAL_STATUSES } from '../../domain/order-status';
import { IdempotencyRecord } from '../ports/place-order-store';
import { ProductPriceUpdate } from '../ports/price-replica-store';
import { OrderCursor } from '../list-orders/order-cursor';
import type { OutboxAppender } from '@saga/outbox';
import { TransactionRunner } from '../ports/transaction';

interface State {
  orders: Map<string, Order>;
  keys: Map<string, IdempotencyRecord>;
  prices: Map<string, ProductPriceUpdate>;
  outbox: Envelope[];
}

const clone = (state: State): State => structuredClone(state);

/**
 * Unit-test double of the order database: the same store ports as the Prisma repository, with
 * transactions that roll back on throw. Transactions run one at a time (serializable by construction).
 */
export class InMemoryOrderDb implements TransactionRunner<{ orders: InMemoryOrderStores }> {
  state: State = { orders: new Map(), keys: new Map(), prices: new Map(), outbox: [] };
  private queue: Promise<unknown> = Promise.resolve();

  get outbox(): Envelope[] {
    return this.state.outbox;
  }

  setPrice(productId: string, price: number, name = productId): void {
    this.state.prices.set(productId, { productId, name, price, changedAt: new Date(0) });
  }

  run<T>(work: (stores: { orders: InMemoryOrderStores }, outbox: OutboxAppender) => Promise<T>): Promise<T> {
    const next = this.queue.then(async () => {
      const snapshot = clone(this.state);
      try {
        const outbox: OutboxAppender = { append: async (...events) => void this.state.outbox.push(...events) };
        return await work({ orders: new InMemoryOrderStores(this.state) }, outbox);
      } catch (error) {
        this.state = snapshot;
        throw error;
      }
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  reader(): InMemoryOrderStores {
    return new InMemoryOrderStores(this.state);
  }
}

export class InMemoryOrderStores {
  constructor(private readonly s: State) {}

  async findIdempotencyKey(userId: string, key: string) {
    return this.s.keys.get(`${userId}\u0000${key}`) ?? null;
  }

  async claimIdempotencyKey(record: IdempotencyRecord) {
    const id = `${record.userId}\u0000${record.key}`;
    if (this.s.keys.has(id)) return false;
    this.s.keys.set(id, record);
    return true;
  }

  async findPrices(productIds: readonly string[]) {
    const prices = new Map<string, number>();
    for (const id of productIds) {
      const entry = this.s.prices.get(id);
      if (entry) prices.set(id, entry.price);
    }
    return prices;
  }

  async insertOrder(order: Order) {
    if (this.s.orders.has(order.id)) throw new Error('duplicate order id');
    this.s.orders.set(order.id, structuredClone(order));
  }

  async findOrder(orderId: string) {
    const order = this.s.orders.get(orderId);
    return order ? structuredClone(order) : null;
  }

  async recordBranchArrival(orderId: string, branch: ProcessingBranch, discount: number | null) {
    return this.update(
      orderId,
      (o) => acceptsBranchSuccess(o, branch),
      (o) => {
        if (branch === 'stock') o.stockReserved = true;
        else {
          o.couponApplied = true;
          Object.assign(o, applyDiscount(o.subtotal, discount ?? 0));
        }
      },
    );
  }

  async markProcessingSucceeded(orderId: string, at: Date) {
    return this.update(orderId, canMarkProcessingSucceeded, (o) => {
      o.processingSucceededAt = at;
      o.status = 'PAYMENT_REQUESTED';
    });
  }

  async markCompleted(orderId: string) {
    return this.update(orderId, canComplete, (o) => (o.status = 'COMPLETED'));
  }

  async markCancelled(orderId: string, reason: string) {
    return this.update(orderId, canCancel, (o) => {
      o.status = 'CANCELLED';
      o.failureReason = reason;
    });
  }

  async lockExpiredOrders(now: Date, limit: number) {
    return [...this.s.orders.values()]
      .filter((o) => NON_TERMINAL_STATUSES.includes(o.status) && o.deadlineAt < now)
      .sort((a, b) => a.deadlineAt.getTime() - b.deadlineAt.getTime())
      .slice(0, limit)
      .map((o) => structuredClone(o));
  }

  async upsertPrice(update: ProductPriceUpdate) {
    const current = this.s.prices.get(update.productId);
    if (!current || current.changedAt <= update.changedAt) this.s.prices.set(update.productId, { ...update });
  }

  async listByUser(userId: string, limit: number, after: OrderCursor | null) {
    const key = (o: { createdAt: Date; id: string }) => `${o.createdAt.toISOString()}|${o.id}`;
    return [...this.s.orders.values()]
      .filter((o) => o.userId === userId && (!after || key(o) < key(after)))
      .sort((a, b) => (key(a) < key(b) ? 1 : -1))
      .slice(0, limit)
      .map((o) => structuredClone(o));
  }

  private update(orderId: string, guard: (order: Order) => boolean, change: (order: Order) => void): Order | null {
    const order = this.s.orders.get(orderId);
    if (!order || !guard(order)) return null;
    change(order);
    order.updatedAt = new Date();
    return structuredClone(order);
  }
}
