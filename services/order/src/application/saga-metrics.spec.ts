import { FixedClock } from './testing/fixed-clock';
import { InMemoryOrderDb } from './testing/in-memory-order-db';
import { InMemoryOrderProcessingStateStore } from './testing/in-memory-order-processing-state-store';
import { RecordingSagaMetrics } from './testing/recording-saga-metrics';
import { CancelExpiredOrdersUseCase } from './cancel-expired-orders/cancel-expired-orders.use-case';
import { CancelOrderUseCase } from './cancel-order/cancel-order.use-case';
import { CompleteOrderUseCase } from './complete-order/complete-order.use-case';
import { PlaceOrderUseCase } from './place-order/place-order.use-case';
import { RecordBranchSuccessUseCase } from './record-branch-success/record-branch-success.use-case';

const EVENT = '00000000-0000-4000-8000-0000000000aa';

describe('saga metrics through the SagaMetrics port', () => {
  let db: InMemoryOrderDb;
  let clock: FixedClock;
  let metrics: RecordingSagaMetrics;
  let placeOrder: PlaceOrderUseCase;

  beforeEach(() => {
    db = new InMemoryOrderDb();
    db.setPrice('p1', 4_000);
    clock = new FixedClock();
    metrics = new RecordingSagaMetrics();
    placeOrder = new PlaceOrderUseCase(db, clock, 30_000, metrics);
  });

  const checkout = (key: string) =>
    placeOrder.execute({
      userId: 'u1',
      idempotencyKey: key,
      items: [{ productId: 'p1', quantity: 1 }],
      couponId: null,
    });

  it('counts a started saga per new order, not per idempotent replay', async () => {
    await checkout('k1');
    await checkout('k1');
    await checkout('k2');
    expect(metrics.recorded).toEqual(['started', 'started']);
  });

  it('records completion once, with the checkout time, and nothing for an ignored completion', async () => {
    const { orderId } = await checkout('k1');
    await new RecordBranchSuccessUseCase(db, new InMemoryOrderProcessingStateStore(), clock).execute({
      orderId,
      branch: 'stock',
      causationId: EVENT,
    });
    const complete = new CompleteOrderUseCase(db, metrics);
    await complete.execute({ orderId, causationId: EVENT });
    await complete.execute({ orderId, causationId: EVENT });
    expect(metrics.recorded).toEqual(['started', 'completed']);
    expect(metrics.checkoutTimes).toEqual([clock.now()]);
  });

  it('records a cancellation with its reason once; a cancel of a terminal order is not counted', async () => {
    const { orderId } = await checkout('k1');
    const cancel = new CancelOrderUseCase(db, metrics);
    await cancel.execute({ orderId, reason: 'OUT_OF_STOCK' });
    await cancel.execute({ orderId, reason: 'INSUFFICIENT_BALANCE' });
    expect(metrics.recorded).toEqual(['started', 'cancelled:OUT_OF_STOCK']);
  });

  it('records every deadline cancellation as TIMEOUT', async () => {
    await checkout('a');
    await checkout('b');
    clock.advance(30_001);
    await new CancelExpiredOrdersUseCase(db, clock, 10, metrics).execute();
    expect(metrics.recorded).toEqual(['started', 'started', 'cancelled:TIMEOUT', 'cancelled:TIMEOUT']);
  });
});
