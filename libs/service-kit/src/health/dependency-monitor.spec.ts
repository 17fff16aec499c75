import { DependencyMonitor } from './dependency-monitor';

describe('DependencyMonitor', () => {
  let now = 0;
  const monitor = () => new DependencyMonitor(60_000, () => now);

  beforeEach(() => (now = 1_000_000));

  it('is ready only while no component is down, and says which one is', async () => {
    const m = monitor();
    await expect(m.readiness().check()).resolves.toBeUndefined();
    m.down('consumer:order.X', 'joining');
    m.down('outbox-relay', 'ECONNREFUSED');
    await expect(m.readiness().check()).rejects.toThrow('consumer:order.X: joining; outbox-relay: ECONNREFUSED');
    m.up('consumer:order.X');
    await expect(m.readiness().check()).rejects.toThrow('outbox-relay');
    m.up('outbox-relay');
    await expect(m.readiness().check()).resolves.toBeUndefined();
    expect(m.problems()).toEqual({});
  });

  it('grants no grace without an outage', () => {
    expect(monitor().outageGraceMs(5_000)).toBe(0);
  });

  it('grows the grace with an open outage and keeps it until the covered deadlines had their extension', () => {
    const m = monitor();
    m.down('outbox-relay', 'broker down');
    now += 10_000;
    m.down('consumer:order.X', 'crashed');
    expect(m.outageGraceMs(5_000)).toBe(15_000);
    m.up('outbox-relay');
    now += 2_000;
    m.up('consumer:order.X');
    // one window of 12 s (the overlap counts once) + settle
    expect(m.outageGraceMs(5_000)).toBe(17_000);
    now += 12_000 + 2 * 5_000;
    expect(m.outageGraceMs(5_000)).toBe(17_000);
    now += 1;
    expect(m.outageGraceMs(5_000)).toBe(0);
  });

  it('adds recent separate windows, each with its settle time', () => {
    const m = monitor();
    m.down('a', 'x');
    now += 1_000;
    m.up('a');
    now += 500;
    m.down('a', 'x');
    now += 3_000;
    m.up('a');
    expect(m.outageGraceMs(2_000)).toBe(1_000 + 2_000 + 3_000 + 2_000);
  });

  describe('pauses of the process itself', () => {
    afterEach(() => jest.useRealTimers());

    it('counts a freeze (no tick for 45 s) as an outage window, seen by the first grace asked after it', () => {
      jest.useFakeTimers();
      const m = monitor();
      m.watchPauses(500, 2_000);
      now += 500;
      jest.advanceTimersByTime(500);
      expect(m.outageGraceMs(5_000)).toBe(0);
      // SIGSTOP: neither the ticks nor anything else ran; the deadline scan is the first to run after SIGCONT
      now += 45_000;
      expect(m.outageGraceMs(5_000)).toBe(45_000 + 5_000);
      // the window ends at the freeze's end and counts like any other outage, while the process runs again
      const running = (ms: number) => {
        for (let t = 0; t < ms; t += 500) {
          now += 500;
          jest.advanceTimersByTime(500);
        }
      };
      running(45_000 + 2 * 5_000);
      expect(m.outageGraceMs(5_000)).toBe(50_000);
      running(500);
      expect(m.outageGraceMs(5_000)).toBe(0);
      m.stopWatchingPauses();
    });

    it('ignores ordinary timer jitter, and keeps a dependency outage that is open across the pause', () => {
      jest.useFakeTimers();
      const m = monitor();
      m.watchPauses(500, 2_000);
      now += 2_400;
      expect(m.outageGraceMs(5_000)).toBe(0);
      m.down('outbox-relay', 'broker down');
      now += 10_000;
      // 10 s open outage + settle, and the 10 s pause inside it + settle
      expect(m.outageGraceMs(5_000)).toBe(15_000 + 15_000);
      m.up('outbox-relay');
      expect(m.problems()).toEqual({});
      m.stopWatchingPauses();
    });
  });
});
