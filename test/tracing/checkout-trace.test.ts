import { jaeger, JaegerSpan } from '@saga/test-harness';
import { inventory } from './support/span-budget';
import { TraceGraph } from './support/trace-graph';
import { TracedPlatform } from './support/traced-platform';

/**
 * One checkout = one trace across the four services, reconstructed from Jaeger's query API only:
 * the trace id comes from the checkout response's `traceparent` header, as a user would paste it.
 */
const COMPLETED_CHAIN: [string, string][] = [
  ['order.processing publish', 'order'],
  ['order.processing process', 'product'],
  ['order.processing process', 'coupon'],
  ['order.processing.stock.success publish', 'product'],
  ['order.processing.coupon.success publish', 'coupon'],
  ['order.processing.stock.success process', 'order'],
  ['order.processing.coupon.success process', 'order'],
  ['order.processing.success publish', 'order'],
  ['order.payment publish', 'order'],
  ['order.payment process', 'user'],
  ['order.payment.success publish', 'user'],
  ['order.payment.success process', 'order'],
];

describe('checkout trace across order, product, coupon and user', () => {
  let platform: TracedPlatform;

  beforeAll(async () => {
    platform = await TracedPlatform.start({ tracing: true });
  }, 600_000);
  afterAll(() => platform?.stop(), 120_000);

  async function traceOf(traceId: string, done: (g: TraceGraph) => boolean): Promise<TraceGraph> {
    let last: TraceGraph | undefined;
    try {
      await jaeger.getTrace(traceId, {
        timeoutMs: 45_000,
        // a parent ends after its children, so it can reach Jaeger in a later export batch: wait until
        // no span's parent is missing (a truly broken link still fails, with the spans listed)
        until: (t) => {
          last = new TraceGraph(t, platform.topicPrefix);
          return done(last) && last.orphans().length === 0;
        },
      });
    } catch (error) {
      throw new Error(
        `${(error as Error).message}\nspans so far:\n${last?.describe() ?? '(none)'}\nlogs: ${platform.logFiles().join(' ')}`,
      );
    }
    return last!;
  }

  /** Every span the consumer wrapper made has its producer span in the same trace. */
  function expectConnected(graph: TraceGraph): void {
    expect(graph.orphans().map((s) => `${graph.serviceOf(s)}: ${s.operationName}`)).toEqual([]);
    const consumers = graph.trace.spans.filter((s) => graph.tag(s, 'span.kind') === 'consumer');
    expect(consumers.length).toBeGreaterThan(0);
    for (const span of consumers) {
      const parent = graph.parentOf(span);
      const name = graph.nameOf(span);
      expect({ span: name, parent: parent && graph.nameOf(parent) }).toEqual({
        span: name,
        parent: name.replace(/ process$/, ' publish'),
      });
    }
  }

  /** `child` was caused by `parent` (possibly through DB/handler spans in between). */
  function expectCausedBy(graph: TraceGraph, child: JaegerSpan, parent: JaegerSpan): void {
    const what = `${graph.nameOf(child)} caused by ${graph.nameOf(parent)}`;
    expect({ [what]: graph.descendsFrom(child, parent) }).toEqual({ [what]: true });
  }

  it('a completed checkout is one trace with the whole causal chain', async () => {
    const productId = await platform.product(2_500, 10);
    const userId = await platform.user(100_000);
    const couponId = await platform.coupon(userId, 500);
    const { orderId, traceId } = await platform.checkout(userId, { items: [{ productId, quantity: 2 }], couponId });
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);
    expect((await platform.settle(orderId, userId)).status).toBe('COMPLETED');

    // spans arrive from four processes in separate batches: wait for every one the assertions need
    const g = await traceOf(traceId!, (graph) =>
      COMPLETED_CHAIN.every(([name, service]) => graph.spans(name, service).length > 0),
    );
    expect(g.trace.traceID).toBe(traceId);
    expect([...g.services()]).toEqual(expect.arrayContaining(['order', 'product', 'coupon', 'user']));
    expect(g.roots().map((s) => `${g.serviceOf(s)}: ${g.nameOf(s)}`)).toEqual([expect.stringMatching(/^order: POST/)]);
    expectConnected(g);

    const root = g.roots()[0]!;
    const placed = g.one('order.processing publish', 'order');
    const reserve = g.one('order.processing process', 'product');
    const apply = g.one('order.processing process', 'coupon');
    const stockOk = g.one('order.processing.stock.success publish', 'product');
    const couponOk = g.one('order.processing.coupon.success publish', 'coupon');
    const stockSeen = g.one('order.processing.stock.success process', 'order');
    const couponSeen = g.one('order.processing.coupon.success process', 'order');
    const aggregated = g.one('order.processing.success publish', 'order');
    const payment = g.one('order.payment publish', 'order');
    const charge = g.one('order.payment process', 'user');
    const paid = g.one('order.payment.success publish', 'user');
    const completed = g.one('order.payment.success process', 'order');

    expectCausedBy(g, placed, root);
    expectCausedBy(g, reserve, placed);
    expectCausedBy(g, apply, placed);
    expectCausedBy(g, stockOk, reserve);
    expectCausedBy(g, couponOk, apply);
    expectCausedBy(g, stockSeen, stockOk);
    expectCausedBy(g, couponSeen, couponOk);
    // the aggregation is triggered by whichever success arrived second; the same transaction requests
    // the payment, so both publishes descend from that arrival
    const completing = g.descendsFrom(aggregated, stockSeen) ? stockSeen : couponSeen;
    expectCausedBy(g, aggregated, completing);
    expectCausedBy(g, payment, completing);
    expectCausedBy(g, charge, payment);
    expectCausedBy(g, paid, charge);
    expectCausedBy(g, completed, paid);
    for (const processed of g.spans('order.processed publish', 'order')) expectCausedBy(g, processed, completed);

    for (const span of [placed, reserve, charge, completed]) expect(g.tag(span, 'order.id')).toBe(orderId);

    const byOrderTag = await jaeger.findTraces({ service: 'order-service', tags: { 'order.id': orderId } });
    expect(byOrderTag.map((t) => t.traceID)).toContain(traceId);
  }, 180_000);

  it('a completed checkout stays within the default span budget', async () => {
    const productId = await platform.product(1_000, 10);
    const userId = await platform.user(100_000);
    const couponId = await platform.coupon(userId, 100);
    const { orderId, traceId } = await platform.checkout(userId, { items: [{ productId, quantity: 1 }], couponId });
    expect((await platform.settle(orderId, userId)).status).toBe('COMPLETED');

    // the last consumption of the saga (product recording the sale) ends the trace; a child span ends
    // before its parent, so once every chain span is in, so are the spans below them
    const terminal: [string, string][] = [...COMPLETED_CHAIN, ['order.processed process', 'product']];
    const g = await traceOf(traceId!, (graph) =>
      terminal.every(([name, service]) => graph.spans(name, service).length > 0),
    );
    const spans = inventory(g);
    expect(spans.unbudgeted).toEqual([]);
    expect(spans.violations).toEqual([]);
    // 7 events relayed (order.processing .. order.processed), 7 consumptions, each with at most one
    // transaction (none when it was handled in a batch), and the checkout's own under POST /orders
    expect(spans.byKind).toEqual({ 'http server': 1, publish: 7, process: 7, transaction: expect.any(Number) });
    expect(spans.byKind.transaction).toBeLessThanOrEqual(8);
  }, 180_000);

  it('a checkout failing on balance is one trace that also holds the compensations in product and coupon', async () => {
    const productId = await platform.product(9_000, 5);
    const userId = await platform.user(1_000);
    const couponId = await platform.coupon(userId, 100);
    const { orderId, traceId } = await platform.checkout(userId, { items: [{ productId, quantity: 1 }], couponId });
    const order = await platform.settle(orderId, userId);
    expect(order.status).toBe('CANCELLED');

    const compensated = (graph: TraceGraph) =>
      graph.spans('order.payment process', 'user').length > 0 &&
      graph.spans('order.payment.fail publish', 'user').length > 0 &&
      ['product', 'coupon', 'order'].every((s) => graph.spans('order.payment.fail process', s).length > 0);
    const g = await traceOf(traceId!, compensated);
    expect([...g.services()]).toEqual(expect.arrayContaining(['order', 'product', 'coupon', 'user']));
    expect(g.roots()).toHaveLength(1);
    expectConnected(g);

    const charge = g.one('order.payment process', 'user');
    const refused = g.one('order.payment.fail publish', 'user');
    expectCausedBy(g, refused, charge);
    for (const service of ['product', 'coupon', 'order']) {
      const compensation = g.one('order.payment.fail process', service);
      expectCausedBy(g, compensation, refused);
      expect(g.tag(compensation, 'saga.outcome')).toBe('succeeded');
    }
    // a compensation that wrote nothing would be invisible: product and coupon touch their DB under it
    for (const service of ['product', 'coupon']) {
      const compensation = g.one('order.payment.fail process', service);
      const writes = g.trace.spans.filter(
        (s) =>
          g.serviceOf(s) === service &&
          g.descendsFrom(s, compensation) &&
          (g.tag(s, 'db.system') ?? g.tag(s, 'db.system.name')) !== undefined,
      );
      expect({ service, dbSpansUnderCompensation: writes.length > 0 }).toEqual({
        service,
        dbSpansUnderCompensation: true,
      });
    }
  }, 180_000);
});
