import { OrderProcessingSucceeded } from '@saga/contracts';
import { FixedClock } from '../testing/fixed-clock';
import { InMemoryOrderDb } from '../testing/in-memory-order-db';
import { InMemoryOrderProcessingStateStore } from '../testing/in-memory-order-processing-state-store';
import { PlaceOrderUseCase } from '../place-order/place-order.use-case';
import { RecordBranchSuccessUseCase } from './record-branch-success.use-case';

const STOCK = '00000000-0000-4000-8000-000000000001';
const COUPON = '00000000-0000-4000-8000-000000000002';

describe('RecordBranchSuccessUseCase (aggregator)', () => {
  let db: InMemoryOrderDb;
  let state: InMemoryOrderProcessingStateStore;
  let aggregator: RecordBranchSuccessUseCase;

  async function placeOrder(couponId: string | null): Promise<string> {
    db.setPrice('p1', 10_000);
    const result = await new PlaceOrderUseCase(db, new FixedClock(), 30_000).execute({
      userId: 'u1',
      idempotencyKey: `k-${Math.random()}`,
      items: [{ productId: 'p1', quantity: 1 }],
      couponId,
    });
    db.outbox.length = 0;
    return result.orderId;
  }

  const succeeded = () => db.outbox.filter((e) => e.type === OrderProcessingSucceeded.type);
  const stock = (orderId: string) => aggregator.execute({ orderId, branch: 'stock', causationId: STOCK });
  const coupon = (orderId: string, discount = 1_500) =>
    aggregator.execute({ orderId, branch: 'coupon', discount, causationId: COUPON });

  beforeEach(() => {
    db = new InMemoryOrderDb();
    state = new InMemoryOrderProcessingStateStore();
    aggregator = new RecordBranchSuccessUseCase(db, state, new FixedClock());
  });

  it('an order without a coupon succeeds on the stock branch alone', async () => {
    const orderId = await placeOrder(null);
    await expect(stock(orderId)).resolves.toBe('processing_succeeded');
    expect(succeeded()).toHaveLength(1);
    expect(succeeded()[0]).toMatchObject({
      orderId,
      causationId: STOCK,
      payload: { userId: 'u1', subtotal: 10_000, discount: 0, total: 10_000 },
    });
  });

  it.each([
    ['stock first', ['stock', 'coupon']],
    ['coupon first', ['coupon', 'stock']],
  ])('with a coupon it waits for both branches (%s) and applies the discount', async (_, order) => {
    const orderId = await placeOrder('c1');
    const outcomes = [];
    for (const branch of order) outcomes.push(await (branch === 'stock' ? stock(orderId) : coupon(orderId)));
    expect(outcomes).toEqual(['recorded', 'processing_succeeded']);
    expect(succeeded()).toHaveLength(1);
    expect(succeeded()[0]!.payload).toEqual({ userId: 'u1', subtotal: 10_000, discount: 1_500, total: 8_500 });
  });

  it('concurrent arrivals of both branches emit exactly once', async () => {
    const orderId = await placeOrder('c1');
    const outcomes = await Promise.all([stock(orderId), coupon(orderId)]);
    expect(outcomes.sort()).toEqual(['processing_succeeded', 'recorded']);
    expect(succeeded()).toHaveLength(1);
  });

  it('duplicate deliveries after completion never emit again', async () => {
    const orderId = await placeOrder('c1');
    await stock(orderId);
    await coupon(orderId);
    await expect(stock(orderId)).resolves.toBe('already_succeeded');
    await expect(coupon(orderId)).resolves.toBe('already_succeeded');
    expect(succeeded()).toHaveLength(1);
  });

  it('the database guard holds even when the state store wrongly answers "complete" every time', async () => {
    const orderId = await placeOrder('c1');
    state.forceComplete = true;
    await expect(stock(orderId)).resolves.toBe('already_succeeded');
    expect(succeeded()).toHaveLength(0);
    await expect(coupon(orderId)).resolves.toBe('processing_succeeded');
    await expect(coupon(orderId)).resolves.toBe('already_succeeded');
    expect(succeeded()).toHaveLength(1);
  });

  it('losing the state store between the two arrivals still completes exactly once (rebuilt from durable flags)', async () => {
    const orderId = await placeOrder('c1');
    await stock(orderId);
    state.flushAll();
    await expect(coupon(orderId)).resolves.toBe('processing_succeeded');
    expect(succeeded()).toHaveLength(1);
  });

  it('ignores a success for a CANCELLED order', async () => {
    const orderId = await placeOrder(null);
    await db.run(({ orders }) => orders.markCancelled(orderId, 'OUT_OF_STOCK'));
    await expect(stock(orderId)).resolves.toBe('ignored_not_pending');
    expect(succeeded()).toHaveLength(0);
    expect((await db.reader().findOrder(orderId))!.stockReserved).toBe(false);
  });

  it('ignores a coupon success for an order without a coupon, and unknown orders', async () => {
    const orderId = await placeOrder(null);
    await expect(coupon(orderId)).resolves.toBe('ignored_branch_not_required');
    await expect(stock('00000000-0000-4000-8000-00000000dead')).resolves.toBe('ignored_unknown_order');
  });

  it('clamps a discount above the subtotal so the total is never negative', async () => {
    const orderId = await placeOrder('c1');
    await coupon(orderId, 50_000);
    await stock(orderId);
    expect(succeeded()[0]!.payload).toMatchObject({ subtotal: 10_000, discount: 10_000, total: 0 });
  });
});
