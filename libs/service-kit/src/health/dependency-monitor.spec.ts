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
});
