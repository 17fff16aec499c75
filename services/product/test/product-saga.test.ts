import { Topics } from '@saga/contracts';
import { readAll, waitFor } from '@saga/test-harness';
import request from 'supertest';
import { ReserveStockUseCase } from '../src/application/reserve-stock/reserve-stock.use-case';
import { newOrderId, orderCompleted, orderPlaced, paymentFailed, processingFailed } from './events';
import { startProductTestEnv, type ProductTestEnv } from './product-test-app';

/** Stock, reservations, sales and the published events of the product service against real PostgreSQL and Kafka. */
describe('product service saga participation', () => {
  let env: ProductTestEnv;
  /** productId -> initial stock + restocks, for the invariant. */
  const supplied = new Map<string, number>();

  beforeAll(async () => {
    env = await startProductTestEnv();
  });

  afterAll(async () => {
    await env?.close();
  });

  async function createProduct(id: string, stock: number, price = 1000) {
    await request(env.app.getHttpServer())
      .post('/products')
      .set('Authorization', `Bearer ${env.token('admin')}`)
      .send({ id, name: `Product ${id}`, price, stock })
      .expect(201);
    supplied.set(id, stock);
  }

  const stockOf = async (id: string) =>
    (await env.db.query('SELECT stock FROM product WHERE id = $1', [id])).rows[0].stock as number;
  const reservationsOf = async (orderId: string) =>
    (
      await env.db.query(
        'SELECT product_id, quantity, status FROM stock_reservation WHERE order_id = $1 ORDER BY product_id',
        [orderId],
      )
    ).rows;

  it('reserves all items of an order and publishes StockReserved through the outbox', async () => {
    await createProduct('happy-a', 5);
    await createProduct('happy-b', 2);
    const orderId = newOrderId();
    const placed = orderPlaced(orderId, [
      { productId: 'happy-a', quantity: 2, unitPrice: 1000 },
      { productId: 'happy-b', quantity: 2, unitPrice: 1000 },
    ]);
    await env.publish(placed);

    const reserved = await env.firstOn(Topics.OrderProcessingStockSuccess, orderId);
    expect(reserved).toMatchObject({
      type: 'StockReserved',
      causationId: placed.eventId,
      payload: {
        items: [
          { productId: 'happy-a', quantity: 2 },
          { productId: 'happy-b', quantity: 2 },
        ],
      },
    });
    expect(await stockOf('happy-a')).toBe(3);
    expect(await stockOf('happy-b')).toBe(0);
    expect(await reservationsOf(orderId)).toEqual([
      { product_id: 'happy-a', quantity: 2, status: 'RESERVED' },
      { product_id: 'happy-b', quantity: 2, status: 'RESERVED' },
    ]);
  });

  it('has one effect for a duplicated OrderPlaced (same eventId twice, and a re-sent order with a new eventId)', async () => {
    await createProduct('dup-a', 5);
    const orderId = newOrderId();
    const items = [{ productId: 'dup-a', quantity: 1, unitPrice: 1000 }];
    const placed = orderPlaced(orderId, items);
    const resent = orderPlaced(orderId, items);
    await env.publish(placed);
    await env.publish(placed);
    await env.publish(resent);
    await env.processed('ReserveStockOnOrderPlaced', resent.eventId); // same key, same partition: the others came first

    expect(await stockOf('dup-a')).toBe(4);
    expect(await reservationsOf(orderId)).toHaveLength(1);
    expect(await env.publishedOn(Topics.OrderProcessingStockSuccess, orderId)).toHaveLength(1);
  });

  it('refuses an order with a short item: OrderProcessingFailed OUT_OF_STOCK naming it, no stock changed', async () => {
    await createProduct('short-a', 5);
    await createProduct('short-b', 1);
    const orderId = newOrderId();
    await env.publish(
      orderPlaced(orderId, [
        { productId: 'short-a', quantity: 1, unitPrice: 1000 },
        { productId: 'short-b', quantity: 2, unitPrice: 1000 },
      ]),
    );

    const failed = await env.firstOn(Topics.OrderProcessingFail, orderId);
    expect(failed.payload).toMatchObject({
      reason: 'OUT_OF_STOCK',
      failedBy: 'product',
      detail: expect.stringContaining('short-b'),
    });
    // product consumes its own failure too: nothing was reserved, so it only leaves a tombstone
    await waitFor(
      async () => (await env.db.query('SELECT 1 FROM order_tombstone WHERE order_id = $1', [orderId])).rowCount,
    );
    expect(await stockOf('short-a')).toBe(5);
    expect(await stockOf('short-b')).toBe(1);
    expect(await reservationsOf(orderId)).toEqual([]);
  });

  it('refuses UNKNOWN_PRODUCT', async () => {
    const orderId = newOrderId();
    await env.publish(orderPlaced(orderId, [{ productId: 'no-such-product', quantity: 1, unitPrice: 1 }]));
    const failed = await env.firstOn(Topics.OrderProcessingFail, orderId);
    expect(failed.payload).toMatchObject({
      reason: 'UNKNOWN_PRODUCT',
      detail: expect.stringContaining('no-such-product'),
    });
  });

  it('tombstones an order cancelled before it was seen, and the late OrderPlaced reserves nothing', async () => {
    await createProduct('late-a', 3);
    const orderId = newOrderId();
    const cancelled = processingFailed(orderId);
    await env.publish(cancelled);
    await env.processed('ReleaseStockOnOrderProcessingFailed', cancelled.eventId);
    expect((await env.db.query('SELECT reason FROM order_tombstone WHERE order_id = $1', [orderId])).rows).toEqual([
      { reason: 'TIMEOUT' },
    ]);

    const late = orderPlaced(orderId, [{ productId: 'late-a', quantity: 1, unitPrice: 1000 }]);
    await env.publish(late);
    await env.processed('ReserveStockOnOrderPlaced', late.eventId);
    expect(await stockOf('late-a')).toBe(3);
    expect(await reservationsOf(orderId)).toEqual([]);
    expect(await env.publishedOn(Topics.OrderProcessingStockSuccess, orderId)).toEqual([]);
  });

  it('releases reserved stock exactly once across duplicate and repeated failure events', async () => {
    await createProduct('comp-a', 4);
    const orderId = newOrderId();
    const placed = orderPlaced(orderId, [{ productId: 'comp-a', quantity: 3, unitPrice: 1000 }]);
    await env.publish(placed);
    await env.processed('ReserveStockOnOrderPlaced', placed.eventId);
    expect(await stockOf('comp-a')).toBe(1);

    const paymentFail = paymentFailed(orderId);
    const timeout = processingFailed(orderId);
    await env.publish(paymentFail);
    await env.publish(paymentFail);
    await env.publish(timeout);
    await env.processed('ReleaseStockOnPaymentFailed', paymentFail.eventId);
    await env.processed('ReleaseStockOnOrderProcessingFailed', timeout.eventId);
    const again = paymentFailed(orderId);
    await env.publish(again);
    await env.processed('ReleaseStockOnPaymentFailed', again.eventId);

    expect(await stockOf('comp-a')).toBe(4);
    expect(await reservationsOf(orderId)).toEqual([{ product_id: 'comp-a', quantity: 3, status: 'RELEASED' }]);
  });

  it('commits reservations and projects sales once per completed order', async () => {
    await createProduct('sold-a', 10, 250);
    const orderId = newOrderId();
    const items = [{ productId: 'sold-a', quantity: 3, unitPrice: 250 }];
    const placed = orderPlaced(orderId, items);
    await env.publish(placed);
    await env.processed('ReserveStockOnOrderPlaced', placed.eventId);
    const completed = orderCompleted(orderId, items);
    const completedAgain = orderCompleted(orderId, items);
    await env.publish(completed);
    await env.publish(completed);
    await env.publish(completedAgain);
    await env.processed('RecordSalesOnOrderCompleted', completedAgain.eventId);

    expect(await reservationsOf(orderId)).toEqual([{ product_id: 'sold-a', quantity: 3, status: 'COMMITTED' }]);
    const sales = await request(env.app.getHttpServer())
      .get('/products/sold-a/sales')
      .set('Authorization', `Bearer ${env.token('admin')}`)
      .expect(200);
    expect(sales.body).toEqual({ productId: 'sold-a', unitsSold: 3, revenue: 750 });
    expect(await stockOf('sold-a')).toBe(7);
  });

  it('lets exactly one of 20 concurrent orders take the last unit (concurrent transactions on real PostgreSQL)', async () => {
    await createProduct('last-unit', 1);
    const reserve = env.app.get(ReserveStockUseCase);
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, () =>
        reserve.execute({
          orderId: newOrderId(),
          causationId: crypto.randomUUID(),
          items: [{ productId: 'last-unit', quantity: 1 }],
        }),
      ),
    );

    expect(outcomes.filter((o) => o === 'reserved')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'refused')).toHaveLength(19);
    expect(await stockOf('last-unit')).toBe(0);
    const held = await env.db.query(`SELECT count(*)::int AS n FROM stock_reservation WHERE product_id = 'last-unit'`);
    expect(held.rows[0].n).toBe(1);
  });

  it('lets exactly one of 20 orders published at once take the last unit (consumers on 3 partitions in parallel)', async () => {
    await createProduct('last-unit-kafka', 1);
    const orders = Array.from({ length: 20 }, () =>
      orderPlaced(newOrderId(), [{ productId: 'last-unit-kafka', quantity: 1, unitPrice: 1000 }]),
    );
    await Promise.all(orders.map(env.publish));
    await Promise.all(orders.map((o) => env.processed('ReserveStockOnOrderPlaced', o.eventId)));

    expect(await stockOf('last-unit-kafka')).toBe(0);
    const held = await env.db.query(
      `SELECT count(*)::int AS n FROM stock_reservation WHERE product_id = 'last-unit-kafka'`,
    );
    expect(held.rows[0].n).toBe(1);
  });

  it('dead-letters an invalid event with its validation error and keeps consuming', async () => {
    await createProduct('after-dlq', 2);
    const orderId = newOrderId();
    const valid = orderPlaced(orderId, [{ productId: 'after-dlq', quantity: 1, unitPrice: 1000 }]);
    const invalid = {
      ...valid,
      payload: { ...valid.payload, items: [{ productId: 'after-dlq', quantity: -1, unitPrice: 1000 }] },
    };
    await env.publishRaw(Topics.OrderProcessing, orderId, JSON.stringify(invalid));
    const next = orderPlaced(orderId, [{ productId: 'after-dlq', quantity: 1, unitPrice: 1000 }]);
    await env.publish(next);

    await env.processed('ReserveStockOnOrderPlaced', next.eventId);
    expect(await stockOf('after-dlq')).toBe(1);
    const dead = await waitFor(async () =>
      (await readAll(env.topic(`${Topics.OrderProcessing}.dlq`))).find((m) => m.key === orderId),
    );
    expect(dead.headers['x-dlq-error']).toContain('payload.items.0.quantity');
    expect(dead.headers['x-dlq-consumer-group']).toBe(env.group('ReserveStockOnOrderPlaced'));
  });

  it('publishes ProductCatalogUpdated when a product is created or repriced, not when restocked', async () => {
    await createProduct('catalog-a', 1, 500);
    const admin = `Bearer ${env.token('admin')}`;
    await request(env.app.getHttpServer())
      .patch('/products/catalog-a')
      .set('Authorization', admin)
      .send({ price: 450 })
      .expect(200);
    await request(env.app.getHttpServer())
      .patch('/products/catalog-a')
      .set('Authorization', admin)
      .send({ restock: 4 })
      .expect(200);
    supplied.set('catalog-a', 5);

    const catalog = await waitFor(async () => {
      const events = (await readAll(env.topic(Topics.ProductCatalog))).filter((m) => m.key === 'catalog-a');
      return events.length >= 2 && events.map((m) => JSON.parse(m.value!).payload);
    });
    expect(catalog).toEqual([
      { productId: 'catalog-a', name: 'Product catalog-a', price: 500 },
      { productId: 'catalog-a', name: 'Product catalog-a', price: 450 },
    ]);
    const unpublished = await env.db.query('SELECT count(*)::int AS n FROM outbox_message WHERE published_at IS NULL');
    expect(unpublished.rows[0].n).toBe(0);
  });

  it('keeps stock + reserved + committed = initial stock + restocks for every product', async () => {
    const rows = (
      await env.db.query(`
        SELECT p.id, p.stock + COALESCE(SUM(r.quantity) FILTER (WHERE r.status IN ('RESERVED', 'COMMITTED')), 0) AS accounted
          FROM product p LEFT JOIN stock_reservation r ON r.product_id = p.id
         GROUP BY p.id, p.stock`)
    ).rows.map((r) => [r.id, Number(r.accounted)]);
    expect(rows.length).toBe(supplied.size);
    expect(new Map(rows as Array<[string, number]>)).toEqual(supplied);
  });
});
