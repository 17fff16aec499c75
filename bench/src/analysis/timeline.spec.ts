import { CheckoutRecord } from '../measure/order-tracker';
import { buildTimeline } from './timeline';

const plan = { userId: 'u', items: [{ productId: 'p', quantity: 1 }], couponId: null, expect: 'COMPLETED' as const };

describe('buildTimeline', () => {
  it('buckets sends, acceptances and saga ends by second and tracks the in-flight backlog', () => {
    const records: CheckoutRecord[] = [
      {
        index: 0,
        phase: 'm',
        plan,
        scheduledAt: 100,
        sentAt: 100,
        respondedAt: 110,
        orderId: 'a',
        terminal: {
          orderId: 'a',
          eventId: 'e-a',
          publishedAtMs: 1_150,
          outcome: 'COMPLETED',
          reason: null,
          total: 1,
          at: 1_150,
        },
      },
      { index: 1, phase: 'm', plan, scheduledAt: 200, sentAt: 200, respondedAt: 220, orderId: 'b' },
      { index: 2, phase: 'm', plan, scheduledAt: 300, sentAt: 300, respondedAt: 305, error: 'HTTP 500' },
    ];
    const [first, second] = buildTimeline(records, 0, 2_000);
    expect(first).toMatchObject({ sent: 3, accepted: 2, httpErrors: 1, completed: 0, inFlight: 2 });
    expect(second).toMatchObject({ sent: 0, completed: 1, inFlight: 1, sagaP99: 1_040 });
  });
});
