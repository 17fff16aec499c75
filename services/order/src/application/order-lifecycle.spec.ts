import { FixedClock } from './testing/fixed-clock';
import { InMemoryOrderDb } from './testing/in-memory-order-db';
import { InMemoryOrderProcessingStateStore } from './testing/in-memory-order-processing-state-store';
import { CancelExpiredOrdersUseCase } from './cancel-expired-orders/cancel-expired-orders.use-case';
import { CancelOrderUseCase } from './cancel-order/cancel-order.use-case';
import { CompleteOrderUseCase } from './complete-order/complete-order.use-case';
import { PlaceOrderUseCase } from './place-order/place-order.use-case';
import { RecordBranchSuccessUseCase } from './record-branch-success/record-branch-success.use-case';

const EVENT = '00000000-0000-4000-8000-0000000000aa';

describe('order lifecycle after processing', () => {
  let db: InMemoryOrderDb;
  let clock: FixedClock;

  beforeEach(() => {
    db = new InMemoryOrderDb();
    db.setPrice('p1', 4_000);
    clock = new FixedClock();
  });

  async function pendingOrder(key = 'k1'): Promise<string> {
    const { orderId } = await new PlaceOrderUseCase(db, clock, 30_000).execute({
      userId: 'u1',
      idempotencyKey: key,
      items: [{ productId: 'p1', quantity: 2 }],
      couponId: null,
    });
    return orderId;
  }

  async function processedOrder(): Promise<string> {
    const orderId = await pendingOrder();
    await new RecordBranchSuccessUseCase(db, new InMemoryOrderProcessingStateStore(), clock).execute({
      orderId,
      branch: 'stock',
      causationId: EVENT,
    });
    return orderId;
  }

  const status = async (orderId: string) => (await db.reader().findOrder(orderId))!.status;
  const emitted = (type: string) => db.outbox.filter((e) => e.type === type);

  it('requests payment for the total in the transaction that records processing success, once', async () => {
    const orderId = await processedOrder();
    expect(await status(orderId)).toBe('PAYMENT_REQUESTED');
    const [succeeded] = emitted('OrderProcessingSucceeded');
    expect(emitted('PaymentRequested')).toEqual([
      expect.objectContaining({ orderId, causationId: succeeded!.eventId, payload: { userId: 'u1', amount: 8_000 } }),
    ]);
    await new RecordBranchSuccessUseCase(db, new InMemoryOrderProcessingStateStore(), clock).execute({
      orderId,
      branch: 'stock',
      causationId: EVENT,
    });
    expect(emitted('PaymentRequested')).toHaveLength(1);
  });

  it('does not request payment for an order whose processing has not succeeded', async () => {
    const orderId = await pendingOrder();
    expect(await status(orderId)).toBe('PENDING');
    expect(emitted('PaymentRequested')).toEqual([]);
  });

  it('completes only from PAYMENT_REQUESTED and emits OrderCompleted with the lines', async () => {
    const complete = new CompleteOrderUseCase(db);
    await expect(complete.execute({ orderId: await pendingOrder('p'), causationId: EVENT })).resolves.toBe('ignored');
    const orderId = await processedOrder();
    await expect(complete.execute({ orderId, causationId: EVENT })).resolves.toBe('completed');
    await expect(complete.execute({ orderId, causationId: EVENT })).resolves.toBe('ignored');
    expect(await status(orderId)).toBe('COMPLETED');
    expect(emitted('OrderCompleted')).toEqual([
      expect.objectContaining({
        orderId,
        payload: {
          userId: 'u1',
          items: [{ productId: 'p1', quantity: 2, unitPrice: 4_000 }],
          subtotal: 8_000,
          discount: 0,
          total: 8_000,
          couponId: null,
        },
      }),
    ]);
  });

  it('ignores a payment success for a CANCELLED order', async () => {
    const orderId = await processedOrder();
    await new CancelOrderUseCase(db).execute({ orderId, reason: 'TIMEOUT' });
    await expect(new CompleteOrderUseCase(db).execute({ orderId, causationId: EVENT })).resolves.toBe('ignored');
    expect(await status(orderId)).toBe('CANCELLED');
  });

  it('cancels non-terminal orders with the reason but never un-completes', async () => {
    const cancel = new CancelOrderUseCase(db);
    const pending = await pendingOrder('a');
    await expect(cancel.execute({ orderId: pending, reason: 'OUT_OF_STOCK' })).resolves.toBe('cancelled');
    await expect(cancel.execute({ orderId: pending, reason: 'INSUFFICIENT_BALANCE' })).resolves.toBe('ignored');
    expect((await db.reader().findOrder(pending))!.failureReason).toBe('OUT_OF_STOCK');

    const done = await processedOrder();
    await new CompleteOrderUseCase(db).execute({ orderId: done, causationId: EVENT });
    await expect(cancel.execute({ orderId: done, reason: 'INSUFFICIENT_BALANCE' })).resolves.toBe('ignored');
    expect(await status(done)).toBe('COMPLETED');
  });

  it('the deadline cancels stalled orders with TIMEOUT and emits OrderProcessingFailed for each, once', async () => {
    const stalled = await pendingOrder('a');
    const paying = await pendingOrder('b');
    await new RecordBranchSuccessUseCase(db, new InMemoryOrderProcessingStateStore(), clock).execute({
      orderId: paying,
      branch: 'stock',
      causationId: EVENT,
    });
    const scanner = new CancelExpiredOrdersUseCase(db, clock, 10);

    await expect(scanner.execute()).resolves.toEqual([]);
    clock.advance(30_001);
    await expect(scanner.execute()).resolves.toHaveLength(2);
    await expect(scanner.execute()).resolves.toEqual([]);

    expect(await status(stalled)).toBe('CANCELLED');
    expect((await db.reader().findOrder(stalled))!.failureReason).toBe('TIMEOUT');
    expect(emitted('OrderProcessingFailed').map((e) => [e.orderId, e.payload])).toEqual(
      expect.arrayContaining([
        [stalled, expect.objectContaining({ reason: 'TIMEOUT', failedBy: 'order' })],
        [paying, expect.objectContaining({ reason: 'TIMEOUT', failedBy: 'order' })],
      ]),
    );
  });

  it('the deadline leaves completed orders alone', async () => {
    const orderId = await processedOrder();
    await new CompleteOrderUseCase(db).execute({ orderId, causationId: EVENT });
    clock.advance(60_000);
    await expect(new CancelExpiredOrdersUseCase(db, clock, 10).execute()).resolves.toEqual([]);
  });
});
