import { WakeSignal } from './wake-signal';

describe('WakeSignal', () => {
  it('remembers a fire that happened before anyone waited', async () => {
    const signal = new WakeSignal();
    signal.fire();
    await expect(signal.wait(10_000)).resolves.toBe(true);
  });

  it('wakes a waiter and is consumed by it', async () => {
    const signal = new WakeSignal();
    const waiting = signal.wait(10_000);
    signal.fire();
    await expect(waiting).resolves.toBe(true);
    await expect(signal.wait(5)).resolves.toBe(false);
  });

  it('times out when nobody fires', async () => {
    await expect(new WakeSignal().wait(5)).resolves.toBe(false);
  });
});
