import jwt from 'jsonwebtoken';
import { Pool } from 'undici';
import { BenchEnv } from '../config/env';

export interface HttpResult {
  status: number;
  body: unknown;
  headers: Record<string, string | string[] | undefined>;
}

type Role = 'customer' | 'admin';

/**
 * The platform's public HTTP API as the bench uses it. One keep-alive pool per service; the pool size
 * bounds concurrent sockets, queueing beyond it is still counted because latency starts at the
 * scheduled send time.
 */
export class PlatformApi {
  private readonly pools: Record<'order' | 'product' | 'coupon' | 'user', Pool>;
  private readonly tokens = new Map<string, string>();

  constructor(
    private readonly env: BenchEnv,
    connectionsPerService = 64,
  ) {
    const pool = (url: string) => new Pool(url, { connections: connectionsPerService, pipelining: 1 });
    this.pools = {
      order: pool(env.ORDER_URL),
      product: pool(env.PRODUCT_URL),
      coupon: pool(env.COUPON_URL),
      user: pool(env.USER_URL),
    };
  }

  token(sub: string, role: Role): string {
    const cacheKey = `${role}:${sub}`;
    let token = this.tokens.get(cacheKey);
    if (!token) {
      token = jwt.sign({ sub, role }, this.env.AUTH_JWT_SECRET, { algorithm: 'HS256', expiresIn: '12h' });
      this.tokens.set(cacheKey, token);
    }
    return token;
  }

  createProduct(p: { id: string; name: string; price: number; stock: number }) {
    return this.send('product', 'POST', '/products', this.admin(), p);
  }
  getProduct(id: string) {
    return this.send('product', 'GET', `/products/${encodeURIComponent(id)}`, this.admin());
  }
  createUser(u: { id: string; name: string; balance: number }) {
    return this.send('user', 'POST', '/users', this.admin(), u);
  }
  getUser(id: string) {
    return this.send('user', 'GET', `/users/${encodeURIComponent(id)}`, this.admin());
  }
  createCoupon(c: { id: string; name: string; discountType: string; discountValue: number; totalQuantity: number }) {
    return this.send('coupon', 'POST', '/coupons', this.admin(), c);
  }
  grantCoupon(couponId: string, userId: string) {
    return this.send('coupon', 'POST', `/coupons/${encodeURIComponent(couponId)}/grant`, this.admin(), { userId });
  }
  placeOrder(
    userId: string,
    idempotencyKey: string,
    body: { items: { productId: string; quantity: number }[]; couponId?: string },
  ) {
    return this.send('order', 'POST', '/orders', this.token(userId, 'customer'), body, {
      'idempotency-key': idempotencyKey,
    });
  }
  getOrder(userId: string, id: string) {
    return this.send('order', 'GET', `/orders/${encodeURIComponent(id)}`, this.token(userId, 'customer'));
  }
  health(service: 'order' | 'product' | 'coupon' | 'user') {
    return this.send(service, 'GET', '/health/ready');
  }

  async close(): Promise<void> {
    await Promise.all(Object.values(this.pools).map((p) => p.close()));
  }

  private admin(): string {
    return this.token('bench-admin', 'admin');
  }

  private async send(
    service: keyof PlatformApi['pools'],
    method: 'GET' | 'POST',
    path: string,
    token?: string,
    body?: unknown,
    extraHeaders: Record<string, string> = {},
  ): Promise<HttpResult> {
    const headers: Record<string, string> = { ...extraHeaders };
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await this.pools[service].request({
      method,
      path,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.body.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // keep the raw text: error pages are reported as they came
    }
    return { status: res.statusCode, body: parsed, headers: res.headers };
  }
}

export function isSuccess(r: HttpResult): boolean {
  return r.status >= 200 && r.status < 300;
}

export function describeFailure(what: string, r: HttpResult): Error {
  return new Error(`${what} failed: HTTP ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
}
