import { IdempotencyKeyReusedError, UnknownProductError } from '../../domain/errors';
import { FixedClock } from '../testing/fixed-clock';
import { InMemoryOrderDb } from '../testing/in-memory-order-db';
import { PlaceOrderUseCase } from './place-order.use-case';

describe('PlaceOrderUseCase', () => {
  let db: InMemoryOrderDb;
  let clock: FixedClock;
  let placeOrder: PlaceOrderUseCase;
  const command = {
    userId: 'u1',
    idempotencyKey: 'k1',
    items: [
      { productId: 'p1', quantity: 2 },
      { productId: 'p2', quantity: 1 },
    ],
    couponId: 'c1',
  };

  beforeEach(() => {
    db = new InMemoryOrderDb();
    db.setPrice('p1', 1_000);
    db.setPrice('p2', 250);
    clock = new FixedClock();
    placeOrder = new PlaceOrderUseCase(db, clock, 30_000);
  });

  it('creates a PENDING order priced from the replica, with a deadline, and emits OrderPlaced in the same transaction', async () => {
    const result = await placeOrder.execute(command);

    expect(result).toMatchObject({ status: 'PENDING', created: true });
    const order = await db.reader().findOrder(result.orderId);
    expect(order).toMatchObject({ subtotal: 2_250, discount: 0, total: 2_250, couponId: 'c1', userId: 'u1' });
    expect(order!.deadlineAt.getTime()).toBe(clock.now().getTime() + 30_000);
    expect(db.outbox).toHaveLength(1);
    expect(db.outbox[0]).toMatchObject({
      type: 'OrderPlaced',
      orderId: result.orderId,
      causationId: null,
      payload: {
        userId: 'u1',
        couponId: 'c1',
        subtotal: 2_250,
        items: [
          { productId: 'p1', quantity: 2, unitPrice: 1_000 },
          { productId: 'p2', quantity: 1, unitPrice: 250 },
        ],
      },
    });
  });

  it('replays the same order for the same key and body (even with items reordered)', async () => {
    const first = await placeOrder.execute(command);
    const again = await placeOrder.execute({ ...command, items: [...command.items].reverse() });

    expect(again).toEqual({ orderId: first.orderId, status: 'PENDING', created: false });
    expect(db.outbox).toHaveLength(1);
    expect(db.state.orders.size).toBe(1);
  });

  it('rejects the same key with a different body', async () => {
    await placeOrder.execute(command);
    await expect(placeOrder.execute({ ...command, couponId: null })).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
  });

  it('scopes keys per user', async () => {
    const a = await placeOrder.execute(command);
    const b = await placeOrder.execute({ ...command, userId: 'u2' });
    expect(b.orderId).not.toBe(a.orderId);
  });

  it('rejects an unknown product and leaves nothing behind (the key stays usable)', async () => {
    await expect(
      placeOrder.execute({
        ...command,
        items: [
          { productId: 'p1', quantity: 1 },
          { productId: 'ghost', quantity: 1 },
        ],
      }),
    ).rejects.toMatchObject({ constructor: UnknownProductError, itemIndex: 1 });
    expect(db.state.orders.size).toBe(0);
    expect(db.outbox).toHaveLength(0);
    await expect(placeOrder.execute(command)).resolves.toMatchObject({ created: true });
  });

  it('concurrent retries with the same key create one order', async () => {
    const results = await Promise.all([
      placeOrder.execute(command),
      placeOrder.execute(command),
      placeOrder.execute(command),
    ]);
    expect(new Set(results.map((r) => r.orderId)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(db.outbox).toHaveLength(1);
  });
});
