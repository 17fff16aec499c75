import { Clock } from './clock';
import { runOpenLoop } from './open-loop-scheduler';

/** A clock whose sleeps advance virtual time; `stallAt` makes one sleep take far longer (a GC pause). */
function virtualClock(stall?: { afterSleeps: number; extraMs: number }): Clock {
  let t = 1_000;
  let sleeps = 0;
  return {
    now: () => t,
    sleep: async (ms) => {
      sleeps++;
      t += ms + (stall && sleeps === stall.afterSleeps ? stall.extraMs : 0);
    },
  };
}

describe('runOpenLoop', () => {
  it('fires rate x duration requests at evenly spaced scheduled times', async () => {
    const times: number[] = [];
    const stats = await runOpenLoop(virtualClock(), { ratePerSec: 100, durationSec: 2 }, (_, at) => times.push(at));
    expect(stats).toEqual({ sent: 200, late: 0, maxLatenessMs: 0 });
    expect(times[1] - times[0]).toBeCloseTo(10);
    expect(times[199] - times[0]).toBeCloseTo(1990);
  });

  it('after a stall sends every overdue request at once and counts them late instead of skipping them', async () => {
    const fired: { index: number; at: number; sentAt: number }[] = [];
    const clock = virtualClock({ afterSleeps: 5, extraMs: 500 });
    const stats = await runOpenLoop(clock, { ratePerSec: 100, durationSec: 2 }, (index, at) =>
      fired.push({ index, at, sentAt: clock.now() }),
    );
    expect(stats.sent).toBe(200);
    expect(fired.map((f) => f.index)).toEqual(Array.from({ length: 200 }, (_, i) => i));
    expect(stats.late).toBeGreaterThanOrEqual(49);
    expect(stats.maxLatenessMs).toBeGreaterThanOrEqual(500);
    // the scheduled time is kept, so latency measured from it includes the stall
    expect(fired[10].sentAt - fired[10].at).toBeGreaterThan(400);
  });

  it('does not wait for the work it fires (the callback result is ignored)', async () => {
    let calls = 0;
    await runOpenLoop(virtualClock(), { ratePerSec: 10, durationSec: 1 }, () => {
      calls++;
      void new Promise(() => undefined);
    });
    expect(calls).toBe(10);
  });
});
