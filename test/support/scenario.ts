import { randomUUID } from 'node:crypto';
import type { EventTap } from '../../libs/test-harness/src/saga-suite';
import { CheckoutAnswer, CheckoutBody, CouponSpec, HttpResult, OrderView, SagaApi } from './api-client';
import { waitFor } from './wait';

export const TERMINAL = ['COMPLETED', 'CANCELLED'] as const;

export interface PlacedOrder {
  orderId: string;
  userId: string;
  body: CheckoutBody;
}

/**
 * What one scenario created (with unique ids) and what it started from, so the invariants can be
 * checked against the initial state: products and stock, users and balance, coupons and owners, orders.
 */
export class Scenario {
  readonly products = new Map<string, { price: number; initialStock: number }>();
  readonly users = new Map<string, { initialBalance: number }>();
  readonly coupons = new Map<string, { spec: CouponSpec; owners: Set<string> }>();
  readonly orders = new Map<string, PlacedOrder>();
  private readonly tag = randomUUID().slice(0, 8);
  private seq = 0;

  constructor(
    readonly name: string,
    readonly api: SagaApi,
    readonly tap: EventTap,
  ) {}

  id(kind: string): string {
    this.seq += 1;
    return `${kind}-${this.tag}-${this.seq}`;
  }

  async product(price: number, stock: number): Promise<string> {
    const id = this.id('p');
    await this.api.createProduct({ id, name: `product ${id}`, price, stock });
    this.products.set(id, { price, initialStock: stock });
    return id;
  }

  async user(balance: number): Promise<string> {
    const id = this.id('u');
    await this.api.createUser({ id, name: `user ${id}`, balance });
    this.users.set(id, { initialBalance: balance });
    return id;
  }

  async coupon(discountType: 'FIXED' | 'PERCENT', discountValue: number, owners: string[]): Promise<string> {
    const spec: CouponSpec = {
      id: this.id('c'),
      name: `coupon ${this.name}`,
      discountType,
      discountValue,
      totalQuantity: Math.max(owners.length, 1),
    };
    await this.api.createCoupon(spec);
    for (const owner of owners) await this.api.grantCoupon(spec.id, owner);
    this.coupons.set(spec.id, { spec, owners: new Set(owners) });
    return spec.id;
  }

  /** A raw checkout; an accepted one is recorded for the invariants. */
  async checkout(
    userId: string,
    body: CheckoutBody,
    idempotencyKey = randomUUID(),
  ): Promise<HttpResult<CheckoutAnswer>> {
    const result = await this.api.checkout(userId, body, idempotencyKey);
    if (result.status === 202 || result.status === 200 || result.status === 201) {
      this.orders.set(result.body.orderId, { orderId: result.body.orderId, userId, body });
    }
    return result;
  }

  /**
   * A checkout that must be accepted. Order prices from its replica of product.catalog, so a product
   * created a moment ago may still be unknown to it (422): retried until the replica has caught up.
   */
  async placeOrder(userId: string, body: CheckoutBody, idempotencyKey = randomUUID()): Promise<string> {
    const result = await waitFor(
      `checkout of ${JSON.stringify(body)} accepted`,
      () => this.checkout(userId, body, idempotencyKey),
      (r) => r.status !== 422 || !mentionsUnknownProduct(r.body),
      { timeoutMs: 30000, intervalMs: 300 },
    );
    if (result.status !== 202) {
      throw new Error(`checkout refused: ${result.status} ${JSON.stringify(result.body)}`);
    }
    return result.body.orderId;
  }

  /**
   * Waits until order's catalog replica knows `productId` without touching its stock: a probe order for
   * more units than exist (by a user with no money) must be accepted and then cancel OUT_OF_STOCK.
   */
  async awaitOrderable(productId: string): Promise<void> {
    const product = this.products.get(productId);
    if (!product || product.initialStock >= 100) throw new Error('probe needs a scenario product with < 100 units');
    const prober = await this.user(0);
    const orderId = await this.placeOrder(prober, { items: [{ productId, quantity: 100 }] });
    const probe = await this.settle(orderId);
    if (probe.status !== 'CANCELLED' || probe.failureReason !== 'OUT_OF_STOCK') {
      throw new Error(`probe order should cancel OUT_OF_STOCK, got ${JSON.stringify(probe)}`);
    }
  }

  async order(orderId: string): Promise<OrderView> {
    const placed = this.orders.get(orderId);
    if (!placed) throw new Error(`order ${orderId} was not placed in scenario ${this.name}`);
    return this.api.getOrder(orderId, placed.userId);
  }

  /** Waits for the order to reach COMPLETED or CANCELLED. */
  settle(orderId: string, timeoutMs = 60000): Promise<OrderView> {
    return waitFor(
      `order ${orderId} terminal`,
      () => this.order(orderId),
      (o) => (TERMINAL as readonly string[]).includes(o.status),
      { timeoutMs, intervalMs: 250 },
    );
  }

  async settleAll(timeoutMs = 60000): Promise<Map<string, OrderView>> {
    const views = await Promise.all([...this.orders.keys()].map((id) => this.settle(id, timeoutMs)));
    return new Map(views.map((v) => [v.orderId, v]));
  }
}

function mentionsUnknownProduct(body: unknown): boolean {
  return /unknown[ _-]?product|UNKNOWN_PRODUCT|not (yet )?known|not found/i.test(JSON.stringify(body ?? ''));
}
