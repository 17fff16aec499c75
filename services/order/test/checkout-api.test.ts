import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createEvent, ProductCatalogUpdated } from '@saga/contracts';
import { DEV_JWT_SECRET, signDevToken } from '@saga/service-kit';
import { readAll, waitFor } from '@saga/test-harness';
import { OrderTestEnv } from './support';

const token = (sub: string, role: 'customer' | 'admin' = 'customer') =>
  `Bearer ${signDevToken({ sub, role, secret: DEV_JWT_SECRET })}`;
const alice = token('alice');
const bob = token('bob');
const admin = token('root', 'admin');

jest.setTimeout(120_000);

describe('order checkout API (real PostgreSQL, Kafka, Redis)', () => {
  const t = new OrderTestEnv();
  let app: INestApplication;
  let http: ReturnType<typeof request>;

  beforeAll(async () => {
    await t.setUp();
    app = await t.instance().start();
    http = request(app.getHttpServer());
    await t.setPrice('apple', 1_200);
    await t.setPrice('pear', 300);
  });

  afterAll(() => t.tearDown());

  const place = (body: unknown, key: string | null = `k-${Math.random()}`, auth = alice) => {
    const req = http.post('/orders').set('Authorization', auth);
    return (key === null ? req : req.set('Idempotency-Key', key)).send(body as object);
  };
  const basket = {
    items: [
      { productId: 'apple', quantity: 2 },
      { productId: 'pear', quantity: 1 },
    ],
    couponId: 'c-1',
  };

  it('202 with Location, a PENDING order priced from the replica and OrderPlaced relayed to Kafka', async () => {
    const res = await place(basket).expect(202);
    expect(res.body).toEqual({ orderId: expect.any(String), status: 'PENDING' });
    expect(res.headers.location).toBe(`/orders/${res.body.orderId}`);

    const row = await t.order(res.body.orderId);
    expect(row).toMatchObject({ user_id: 'alice', status: 'PENDING', coupon_id: 'c-1' });
    expect(Number(row!.subtotal)).toBe(2_700);
    expect(row!.deadline_at.getTime() - row!.created_at.getTime()).toBe(600_000);

    const published = await waitFor(
      async () => {
        const messages = await readAll(`${t.prefix}order.processing`);
        return messages.find((m) => m.key === res.body.orderId);
      },
      { description: 'OrderPlaced on Kafka' },
    );
    expect(JSON.parse(published.value!)).toMatchObject({
      type: 'OrderPlaced',
      payload: {
        userId: 'alice',
        subtotal: 2_700,
        couponId: 'c-1',
        items: [
          { productId: 'apple', quantity: 2, unitPrice: 1_200 },
          { productId: 'pear', quantity: 1, unitPrice: 300 },
        ],
      },
    });
  });

  it('401 without a token, 403 for an admin placing an order', async () => {
    await http.post('/orders').set('Idempotency-Key', 'x').send(basket).expect(401);
    await place(basket, 'adm', admin).expect(403);
  });

  it('400 without Idempotency-Key', async () => {
    const res = await place(basket, null).expect(400);
    expect(res.body.issues).toEqual([expect.objectContaining({ path: 'Idempotency-Key' })]);
  });

  it.each([
    ['empty items', { items: [] }, 'items'],
    ['quantity 0', { items: [{ productId: 'apple', quantity: 0 }] }, 'items.0.quantity'],
    ['quantity 101', { items: [{ productId: 'apple', quantity: 101 }] }, 'items.0.quantity'],
    ['fractional quantity', { items: [{ productId: 'apple', quantity: 1.5 }] }, 'items.0.quantity'],
    [
      'duplicate productId',
      {
        items: [
          { productId: 'apple', quantity: 1 },
          { productId: 'apple', quantity: 2 },
        ],
      },
      'items.1.productId',
    ],
    ['51 items', { items: Array.from({ length: 51 }, (_, i) => ({ productId: `p${i}`, quantity: 1 })) }, 'items'],
    ['empty couponId', { items: [{ productId: 'apple', quantity: 1 }], couponId: '' }, 'couponId'],
  ])('400 with the field path (case %#: %s)', async (_name, body, path) => {
    const res = await place(body).expect(400);
    expect(res.body.error).toBe('validation_failed');
    expect(res.body.issues.map((i: { path: string }) => i.path)).toContain(path);
  });

  it('422 for an unknown product with its path, nothing stored', async () => {
    const res = await place(
      {
        items: [
          { productId: 'apple', quantity: 1 },
          { productId: 'ghost', quantity: 1 },
        ],
      },
      'k-ghost',
    ).expect(422);
    expect(res.body).toMatchObject({ error: 'unknown_product', issues: [{ path: 'items.1.productId' }] });
    const { rows } = await t.pg.query(`SELECT count(*)::int AS n FROM idempotency_key WHERE key = 'k-ghost'`);
    expect(rows[0].n).toBe(0);
  });

  it('same key + same body -> same order; same key + different body -> 422', async () => {
    const first = await place(basket, 'k-same').expect(202);
    const again = await place({ ...basket, items: [...basket.items].reverse() }, 'k-same').expect(202);
    expect(again.body.orderId).toBe(first.body.orderId);
    const other = await place({ items: [{ productId: 'apple', quantity: 9 }] }, 'k-same').expect(422);
    expect(other.body.error).toBe('idempotency_key_reused');
    expect(await t.emitted('OrderPlaced', first.body.orderId)).toHaveLength(1);
  });

  it('concurrent retries with the same key create exactly one order and one OrderPlaced', async () => {
    const responses = await Promise.all(Array.from({ length: 8 }, () => place(basket, 'k-race')));
    expect(responses.map((r) => r.status)).toEqual(Array(8).fill(202));
    const ids = new Set(responses.map((r) => r.body.orderId));
    expect(ids.size).toBe(1);
    const { rows } = await t.pg.query(
      `SELECT count(*)::int AS n FROM "order" o JOIN idempotency_key k ON k.order_id = o.id WHERE k.key = 'k-race'`,
    );
    expect(rows[0].n).toBe(1);
    expect(await t.emitted('OrderPlaced', [...ids][0])).toHaveLength(1);
  });

  it('GET /orders/:id: own 200, someone else 404, admin 200, garbage id 404', async () => {
    const { body } = await place(basket).expect(202);
    const own = await http.get(`/orders/${body.orderId}`).set('Authorization', alice).expect(200);
    expect(own.body).toMatchObject({
      orderId: body.orderId,
      userId: 'alice',
      status: 'PENDING',
      subtotal: 2_700,
      discount: 0,
      total: 2_700,
      items: [
        { productId: 'apple', quantity: 2, unitPrice: 1_200 },
        { productId: 'pear', quantity: 1, unitPrice: 300 },
      ],
    });
    expect(own.body.failureReason).toBeUndefined();
    await http.get(`/orders/${body.orderId}`).set('Authorization', bob).expect(404);
    await http.get(`/orders/${body.orderId}`).set('Authorization', admin).expect(200);
    await http.get('/orders/not-a-uuid').set('Authorization', alice).expect(404);
    await http.get(`/orders/${body.orderId}`).expect(401);
  });

  it("GET /orders pages through only the caller's orders, newest first", async () => {
    const mine: string[] = [];
    for (let i = 0; i < 3; i++) mine.push((await place(basket, `carol-${i}`, token('carol')).expect(202)).body.orderId);
    await place(basket, 'dave-0', token('dave')).expect(202);

    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const res = await http
        .get('/orders')
        .query({ limit: 2, ...(cursor ? { cursor } : {}) })
        .set('Authorization', token('carol'))
        .expect(200);
      seen.push(...res.body.orders.map((o: { orderId: string }) => o.orderId));
      cursor = res.body.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual([...mine].reverse());
    await http.get('/orders').query({ cursor: 'garbage' }).set('Authorization', alice).expect(400);
    await http.get('/orders').query({ limit: 0 }).set('Authorization', alice).expect(400);
  });

  it('builds the price replica from product.catalog (newest change wins)', async () => {
    const newer = createEvent(ProductCatalogUpdated, {
      orderId: null,
      causationId: null,
      payload: { productId: 'kiwi', name: 'Kiwi', price: 450 },
      occurredAt: new Date('2025-02-02'),
    });
    const older = createEvent(ProductCatalogUpdated, {
      orderId: null,
      causationId: null,
      payload: { productId: 'kiwi', name: 'Kiwi', price: 999 },
      occurredAt: new Date('2025-01-01'),
    });
    await t.inject(newer);
    await t.inject(older);
    await waitFor(
      async () => {
        const { rows } = await t.pg.query(
          `SELECT count(*)::int AS n FROM processed_message WHERE event_id = ANY($1::uuid[])`,
          [[newer.eventId, older.eventId]],
        );
        return rows[0].n === 2;
      },
      { description: 'both catalog events processed' },
    );
    const res = await place({ items: [{ productId: 'kiwi', quantity: 2 }] }).expect(202);
    expect(Number((await t.order(res.body.orderId))!.subtotal)).toBe(900);
  });
});
