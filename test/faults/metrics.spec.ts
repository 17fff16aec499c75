import { FaultCheckout } from './load';
import { FaultWindow, normalThresholdMs, summarizeFault } from './metrics';

const plan = { userId: 'u', items: [{ productId: 'p', quantity: 1 }], couponId: null, expect: 'COMPLETED' as const };

function checkout(scheduledAt: number, fields: Partial<FaultCheckout> = {}): FaultCheckout {
  const accepted = fields.orderId !== undefined;
  return {
    index: scheduledAt,
    phase: 'x',
    plan,
    scheduledAt,
    sentAt: scheduledAt,
    idempotencyKey: `k${scheduledAt}`,
    attempts: accepted ? [{ url: 'o', sentAt: scheduledAt, respondedAt: scheduledAt + 50, status: 202 }] : [],
    orderIdsSeen: new Set(),
    ...fields,
  };
}

const done = (scheduledAt: number, latencyMs: number, extra: Partial<FaultCheckout> = {}) =>
  checkout(scheduledAt, {
    orderId: `o${scheduledAt}`,
    status: 'COMPLETED',
    terminalAt: scheduledAt + latencyMs,
    ...extra,
  });

const window: FaultWindow = {
  name: 'f',
  injectAt: 10_000,
  recoverAt: 15_000,
  backAt: 20_000,
  endAt: 60_000,
  settled: true,
};

describe('summarizeFault', () => {
  it('counts the window, TIMEOUT cancellations and refusals, and times recovery from the restart command', () => {
    const records = [
      done(5_000, 100), // before the window
      done(11_000, 30_000, { status: 'CANCELLED', failureReason: 'TIMEOUT' }),
      checkout(12_000, { attempts: [{ url: 'o', sentAt: 12_000, respondedAt: 12_010, error: 'ECONNREFUSED' }] }),
      done(16_000, 8_000, {
        attempts: [
          { url: 'o', sentAt: 16_000, respondedAt: 16_005, status: 503 },
          { url: 'o', sentAt: 21_000, respondedAt: 21_500, status: 202 },
        ],
      }),
      done(30_000, 200),
      done(40_000, 150, { status: 'CANCELLED', failureReason: 'OUT_OF_STOCK' }),
    ];
    const result = summarizeFault(window, records, 1000, [
      { instance: 'order-1', pid: 1, at: 12_000, code: 1, signal: null },
    ]);
    expect(result).toMatchObject({
      checkouts: 5,
      refused: 1,
      timeoutCancelled: 1,
      otherCancelled: 1,
      completed: 2,
      firstAcceptedMs: 6_500, // the attempt sent at 21 000 after the restart at 15 000, answered at 21 500
      normalLatencyMs: 26_000, // the TIMEOUT order ended at 41 000
      backMs: 5_000,
      unexpectedExits: 1,
    });
  });

  it('leaves the delay of checkouts scheduled after the settle check to the next fault they ran into', () => {
    const lastChecked = window.endAt - 1000 - 1000;
    const records = [
      done(16_000, 3_000), // abnormal, ends at 19 000: 4 s after the restart command
      done(lastChecked - 1, 100),
      done(lastChecked + 500, 20_000), // in flight when the next fault was injected at 60 000
    ];
    const result = summarizeFault(window, records, 1000, []);
    expect(result.normalLatencyMs).toBe(4_000);
    expect(result.checkouts).toBe(3);
    expect(result.maxMs).toBe(20_000);
    expect(summarizeFault({ ...window, settled: false }, records, 1000, []).normalLatencyMs).toBe(63_500);
  });

  it('reports 0 s to normal when nothing in the window was abnormal', () => {
    expect(summarizeFault(window, [done(20_000, 100)], 1000, []).normalLatencyMs).toBe(0);
  });
});

describe('normalThresholdMs', () => {
  it('is twice the baseline p95, within one to five seconds', () => {
    expect(normalThresholdMs([done(0, 100), done(1, 200)])).toBe(1000);
    expect(normalThresholdMs(Array.from({ length: 20 }, (_, i) => done(i, 1000)))).toBe(2000);
    expect(normalThresholdMs(Array.from({ length: 20 }, (_, i) => done(i, 30_000)))).toBe(5000);
  });
});
