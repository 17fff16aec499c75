import { contributionOfEvent, entryOfDeadLetter, entryOfEvent, statusOf, type ObservedEvent } from './timeline';
import { traceIdOf } from './trace-id';

const observed = (
  eventType: string,
  payload: unknown,
  occurredAt = new Date('2026-11-01T10:00:00Z'),
): ObservedEvent => ({
  orderId: 'o-1',
  eventId: 'e-1',
  eventType,
  topic: 't',
  partition: 0,
  offset: '1',
  occurredAt,
  causationId: null,
  payload,
  traceId: null,
});

describe('timeline entries', () => {
  it('marks failure events as compensations with their reason, on the lane of who failed', () => {
    expect(
      entryOfEvent(observed('PaymentFailed', { userId: 'u', amount: 1, reason: 'INSUFFICIENT_BALANCE' })),
    ).toMatchObject({
      service: 'user',
      compensation: true,
      failureReason: 'INSUFFICIENT_BALANCE',
    });
    expect(entryOfEvent(observed('OrderProcessingFailed', { reason: 'TIMEOUT', failedBy: 'order' }))).toMatchObject({
      service: 'order',
      compensation: true,
      failureReason: 'TIMEOUT',
    });
    expect(entryOfEvent(observed('StockReserved', { items: [] }))).toMatchObject({
      service: 'product',
      compensation: false,
      failureReason: null,
    });
  });

  it('takes the start, deadline and user from OrderPlaced, the terminal state from completion or failure', () => {
    const placed = contributionOfEvent(observed('OrderPlaced', { userId: 'alice' }), 30_000);
    expect(placed).toMatchObject({
      userId: 'alice',
      placedAt: new Date('2026-11-01T10:00:00Z'),
      deadlineAt: new Date('2026-11-01T10:00:30Z'),
      terminal: null,
    });
    expect(contributionOfEvent(observed('OrderCompleted', { userId: 'alice' }), 1).terminal).toBe('COMPLETED');
    expect(contributionOfEvent(observed('PaymentFailed', { reason: 'UNKNOWN_USER' }), 1)).toMatchObject({
      terminal: 'CANCELLED',
      failureReason: 'UNKNOWN_USER',
      placedAt: null,
    });
  });

  it("puts a dead letter on the failing consumer's lane", () => {
    const entry = entryOfDeadLetter({
      id: 'order.payment.dlq:0:3',
      orderId: 'o-1',
      eventId: null,
      eventType: null,
      originalTopic: 'order.payment',
      partition: 1,
      offset: '7',
      consumerGroup: 'user.DebitBalanceOnPaymentRequested',
      error: 'boom',
      failedAt: new Date(),
      traceId: null,
    });
    expect(entry).toMatchObject({ kind: 'DEAD_LETTER', service: 'user', eventType: '(unreadable)', error: 'boom' });
  });

  it('is OVERDUE only in flight past the deadline', () => {
    const now = new Date('2026-11-01T10:01:00Z');
    expect(statusOf({ state: 'IN_FLIGHT', deadlineAt: new Date('2026-11-01T10:00:30Z') }, now)).toBe('OVERDUE');
    expect(statusOf({ state: 'IN_FLIGHT', deadlineAt: new Date('2026-11-01T10:02:00Z') }, now)).toBe('IN_FLIGHT');
    expect(statusOf({ state: 'IN_FLIGHT', deadlineAt: null }, now)).toBe('IN_FLIGHT');
    expect(statusOf({ state: 'CANCELLED', deadlineAt: new Date(0) }, now)).toBe('CANCELLED');
  });

  it('reads the trace id of a traceparent header', () => {
    expect(traceIdOf('00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01')).toBe(
      '0af7651916cd43dd8448eb211c80319c',
    );
    expect(traceIdOf('00-00000000000000000000000000000000-b7ad6b7169203331-01')).toBeNull();
    expect(traceIdOf('garbage')).toBeNull();
    expect(traceIdOf(undefined)).toBeNull();
  });
});
