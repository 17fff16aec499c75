import { signDevToken } from '@saga/service-kit';

/** A service of services.json. */
export type ServiceName = string;
export type ServiceUrls = Record<ServiceName, string>;

export interface HttpResult<T = unknown> {
  status: number;
  body: T;
}

/** 202 body of POST /orders (an error body otherwise: read `status` first). */
export interface CheckoutAnswer {
  orderId: string;
  status: string;
}

export interface CheckoutBody {
  items: { productId: string; quantity: number }[];
  couponId?: string;
}

export type OrderStatus = 'PENDING' | 'PROCESSING' | 'PAYMENT_PENDING' | 'COMPLETED' | 'CANCELLED' | string;

export interface OrderView {
  orderId: string;
  userId: string;
  status: OrderStatus;
  items: { productId: string; quantity: number; unitPrice: number }[];
  subtotal: number;
  discount: number;
  total: number;
  failureReason?: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface CouponSpec {
  id: string;
  name: string;
  discountType: 'FIXED' | 'PERCENT';
  discountValue: number;
  totalQuantity: number;
}

export interface OwnedCoupon {
  couponId: string;
  userId: string;
  status: 'AVAILABLE' | 'USED';
  usedByOrderId: string | null;
}

/** The four services' public HTTP APIs, as a client with dev tokens would call them. */
export class SagaApi {
  private readonly adminToken: string;

  constructor(
    private readonly urls: ServiceUrls,
    private readonly jwtSecret: string,
  ) {
    this.adminToken = signDevToken({ sub: 'saga-suite-admin', role: 'admin', secret: jwtSecret });
  }

  tokenFor(userId: string): string {
    return signDevToken({ sub: userId, role: 'customer', secret: this.jwtSecret });
  }

  async createProduct(product: { id: string; name: string; price: number; stock: number }): Promise<void> {
    await this.expectStatus('product', 'POST', '/products', product, this.adminToken, [200, 201]);
  }

  async getProduct(id: string): Promise<{ id: string; name: string; price: number; stock: number }> {
    return (await this.expectStatus('product', 'GET', `/products/${id}`, undefined, this.adminToken, [200])).body;
  }

  async createUser(user: { id: string; name: string; balance: number }): Promise<void> {
    await this.expectStatus('user', 'POST', '/users', user, this.adminToken, [200, 201]);
  }

  async getUser(id: string): Promise<{ id: string; name: string; balance: number }> {
    return (await this.expectStatus('user', 'GET', `/users/${id}`, undefined, this.adminToken, [200])).body;
  }

  async createCoupon(coupon: CouponSpec): Promise<void> {
    await this.expectStatus('coupon', 'POST', '/coupons', coupon, this.adminToken, [200, 201]);
  }

  async grantCoupon(couponId: string, userId: string): Promise<void> {
    await this.expectStatus('coupon', 'POST', `/coupons/${couponId}/grant`, { userId }, this.adminToken, [200, 201]);
  }

  async getSales(productId: string): Promise<{ productId: string; unitsSold: number; revenue: number }> {
    return (
      await this.expectStatus('product', 'GET', `/products/${productId}/sales`, undefined, this.adminToken, [200])
    ).body;
  }

  async myCoupons(userId: string): Promise<OwnedCoupon[]> {
    return (await this.expectStatus('coupon', 'GET', '/coupons/mine', undefined, this.tokenFor(userId), [200])).body;
  }

  checkout(userId: string, body: CheckoutBody, idempotencyKey: string): Promise<HttpResult<CheckoutAnswer>> {
    return this.request<CheckoutAnswer>('order', 'POST', '/orders', body, this.tokenFor(userId), {
      'Idempotency-Key': idempotencyKey,
    });
  }

  async getOrder(orderId: string, userId: string): Promise<OrderView> {
    return (await this.expectStatus('order', 'GET', `/orders/${orderId}`, undefined, this.tokenFor(userId), [200]))
      .body;
  }

  async request<T = unknown>(
    service: ServiceName,
    method: string,
    path: string,
    body?: unknown,
    token?: string,
    extraHeaders: Record<string, string> = {},
  ): Promise<HttpResult<T>> {
    const headers: Record<string, string> = { ...extraHeaders };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (token) headers.authorization = `Bearer ${token}`;
    const url = this.urls[service];
    if (url === undefined) throw new Error(`${service} is not running in this platform`);
    const response = await fetch(`${url}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // keep the text: an error page is still worth showing in a failure message
    }
    return { status: response.status, body: parsed as T };
  }

  private async expectStatus(
    service: ServiceName,
    method: string,
    path: string,
    body: unknown,
    token: string,
    expected: number[],
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each public method states the shape it returns
  ): Promise<HttpResult<any>> {
    const result = await this.request(service, method, path, body, token);
    if (!expected.includes(result.status)) {
      throw new Error(`${service} ${method} ${path} -> ${result.status} ${JSON.stringify(result.body)}`);
    }
    return result;
  }
}
