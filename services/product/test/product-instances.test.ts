import { Topics } from '@saga/contracts';
import { readAll, waitFor } from '@saga/test-harness';
import request from 'supertest';
import { newOrderId, orderPlaced, paymentFailed } from './events';
import { startProductTestEnv, type ProductTestEnv } from './product-test-app';

/** Two instances of the service share the database, the topics and the consumer groups. */
describe('product service with two instances', () => {
  let env: ProductTestEnv;

  beforeAll(async () => {
    env = await startProductTestEnv();
    await env.startAnotherInstance();
  });

  afterAll(async () => {
    await env?.close();
  });

  const processedCount = async (handler: string, eventIds: string[]) =>
    (
      await env.db.query(
        'SELECT count(*)::int AS n FROM processed_message WHERE consumer_group = $1 AND event_id = ANY($2::uuid[])',
        [env.group(handler), eventIds],
      )
    ).rows[0].n as number;

  it('sells exactly the stock to 30 competing orders, compensates the cancelled ones, and publishes each outcome once', async () => {
    await request(env.app.getHttpServer())
      .post('/products')
      .set('Authorization', `Bearer ${env.token('admin')}`)
      .send({ id: 'scarce', name: 'Scarce', price: 100, stock: 5 })
      .expect(201);
    const orders = Array.from({ length: 30 }, () =>
      orderPlaced(newOrderId(), [{ productId: 'scarce', quantity: 1, unitPrice: 100 }]),
    );
    await Promise.all(orders.map(env.publish));
    await waitFor(
      async () =>
        (await processedCount(
          'ReserveStockOnOrderPlaced',
          orders.map((o) => o.eventId),
        )) === 30,
      {
        description: 'all 30 orders handled',
      },
    );

    const reserved = (
      await env.db.query(`SELECT order_id FROM stock_reservation WHERE product_id = 'scarce'`)
    ).rows.map((r) => r.order_id);
    expect(reserved).toHaveLength(5);
    // cancel two of the winners: their units come back exactly once
    const cancellations = reserved.slice(0, 2).map((orderId: string) => paymentFailed(orderId));
    await Promise.all(cancellations.map(env.publish));
    await waitFor(
      async () =>
        (await processedCount(
          'ReleaseStockOnPaymentFailed',
          cancellations.map((c) => c.eventId),
        )) === 2,
    );

    const product = (await env.db.query(`SELECT stock FROM product WHERE id = 'scarce'`)).rows[0];
    const held = (
      await env.db.query(
        `SELECT count(*)::int AS n FROM stock_reservation WHERE product_id = 'scarce' AND status = 'RESERVED'`,
      )
    ).rows[0];
    expect(product.stock).toBe(2);
    expect(product.stock + held.n).toBe(5);

    const outcomes = await waitFor(async () => {
      const ids = new Set(orders.map((o) => o.orderId));
      const succeeded = (await readAll(env.topic(Topics.OrderProcessingStockSuccess))).filter((m) => ids.has(m.key!));
      const failed = (await readAll(env.topic(Topics.OrderProcessingFail))).filter((m) => ids.has(m.key!));
      return succeeded.length + failed.length >= 30 && { succeeded: succeeded.length, failed: failed.length };
    });
    expect(outcomes).toEqual({ succeeded: 5, failed: 25 });
  });
});
