import { PlannedCheckout } from '../workload/checkout-mix';
import { CheckoutRecord, matchesExpectation, OrderTracker, TerminalEvent } from './order-tracker';

const plan: PlannedCheckout = {
  userId: 'u',
  items: [{ productId: 'p', quantity: 1 }],
  couponId: null,
  expect: 'COMPLETED',
};
const record = (index: number): CheckoutRecord => ({ index, phase: 'main', plan, scheduledAt: 0, sentAt: 0 });
const completed = (orderId: string, at: number): TerminalEvent => ({
  orderId,
  eventId: `e-${orderId}`,
  publishedAtMs: at,
  outcome: 'COMPLETED',
  reason: null,
  total: 10,
  at,
});

describe('OrderTracker', () => {
  it('matches a terminal event that arrives before the 202 was processed', () => {
    const tracker = new OrderTracker();
    const r = record(0);
    tracker.onSent(r);
    tracker.onTerminal(completed('o1', 50));
    expect(tracker.foreignEvents()).toBe(1);
    tracker.onAccepted(r, 'o1');
    expect(r.terminal?.at).toBe(50);
    expect(tracker.foreignEvents()).toBe(0);
    expect(tracker.inFlight()).toBe(0);
  });

  it('keeps the first terminal event and flags a contradicting second one', () => {
    const tracker = new OrderTracker();
    const r = record(0);
    tracker.onSent(r);
    tracker.onAccepted(r, 'o1');
    tracker.onTerminal(completed('o1', 10));
    tracker.onTerminal(completed('o1', 20));
    expect(r.conflictingTerminal).toBeUndefined();
    tracker.onTerminal({
      orderId: 'o1',
      eventId: 'e-o1',
      publishedAtMs: 30,
      outcome: 'CANCELLED',
      reason: 'TIMEOUT',
      total: null,
      at: 30,
    });
    expect(r.terminal?.at).toBe(10);
    expect(r.conflictingTerminal?.outcome).toBe('CANCELLED');
  });

  it('counts accepted orders without a terminal event as in flight', () => {
    const tracker = new OrderTracker();
    const [a, b] = [record(0), record(1)];
    tracker.onSent(a);
    tracker.onSent(b);
    tracker.onAccepted(a, 'a');
    tracker.onAccepted(b, 'b');
    tracker.onTerminal(completed('a', 1));
    expect(tracker.inFlight()).toBe(1);
  });
});

describe('matchesExpectation', () => {
  it('requires the cancellation reason the mix aimed for', () => {
    const cancelled = (reason: string): TerminalEvent => ({
      orderId: 'o',
      eventId: 'e-o',
      publishedAtMs: 0,
      outcome: 'CANCELLED',
      reason,
      total: null,
      at: 0,
    });
    expect(matchesExpectation('OUT_OF_STOCK', cancelled('OUT_OF_STOCK'))).toBe(true);
    expect(matchesExpectation('OUT_OF_STOCK', cancelled('TIMEOUT'))).toBe(false);
    expect(matchesExpectation('COMPLETED', cancelled('TIMEOUT'))).toBe(false);
    expect(matchesExpectation('ANY', cancelled('TIMEOUT'))).toBe(true);
  });
});
