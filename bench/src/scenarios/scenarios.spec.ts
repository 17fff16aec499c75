import { parseOptions, SweepOptions } from './options';
import { sweepScenario } from './scenarios';

describe('sweepScenario', () => {
  const spec = sweepScenario(parseOptions(SweepOptions, { start: '50', step: '50', max: '200', stepDuration: '30' }));

  it('climbs in steps and sizes fixtures for all of them', () => {
    const rates: number[] = [];
    const done: { plan: NonNullable<ReturnType<typeof spec.planner>>; sustainable: boolean | null }[] = [];
    for (let p = spec.planner(done); p; p = spec.planner(done)) {
      rates.push(p.rate);
      done.push({ plan: p, sustainable: true });
    }
    expect(rates).toEqual([50, 100, 150, 200]);
    expect(spec.plannedCheckouts).toBe((50 + 100 + 150 + 200) * 30);
  });

  it('stops after the first unsustainable step', () => {
    const first = spec.planner([])!;
    const second = spec.planner([{ plan: first, sustainable: true }])!;
    expect(
      spec.planner([
        { plan: first, sustainable: true },
        { plan: second, sustainable: false },
      ]),
    ).toBeNull();
  });
});
