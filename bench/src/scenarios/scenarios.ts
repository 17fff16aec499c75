import { LoadOptions, SweepOptions } from './options';
import { ScenarioSpec, StepPlan, StepPlanner } from './run-scenario';

/** One measured phase at a fixed rate. */
export function fixedScenario(scenario: string, o: LoadOptions, hotProduct = false): ScenarioSpec {
  const only: StepPlan = { name: `${o.rate}/s`, rate: o.rate, durationSec: o.duration, judge: true };
  const planner: StepPlanner = (done) => (done.length === 0 ? only : null);
  return { scenario, options: o, plannedCheckouts: o.rate * o.duration, hotProduct, planner, drainBetweenSteps: false };
}

/**
 * Increasing rates, each sustained for stepDuration and judged; stops after `stopAfter` consecutive
 * unsustainable steps or at `max`. Steps are drained in between so each starts from an empty pipeline.
 */
export function sweepScenario(o: SweepOptions): ScenarioSpec {
  const rates: number[] = [];
  for (let r = o.start; r <= o.max; r += o.step) rates.push(r);
  const planner: StepPlanner = (done) => {
    let failedInARow = 0;
    for (const d of done) failedInARow = d.sustainable === false ? failedInARow + 1 : 0;
    if (failedInARow >= o.stopAfter || done.length >= rates.length) return null;
    const rate = rates[done.length];
    return { name: `step ${done.length + 1} @${rate}/s`, rate, durationSec: o.stepDuration, judge: true };
  };
  const planned = rates.reduce((a, r) => a + r * o.stepDuration, 0);
  return {
    scenario: 'sweep',
    options: { ...o, warmup: Math.min(o.warmup, 5) },
    plannedCheckouts: planned,
    hotProduct: false,
    planner,
    drainBetweenSteps: true,
  };
}
