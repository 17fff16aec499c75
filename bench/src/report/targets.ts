import { RunResult } from './result';

export interface TargetCheck {
  target: string;
  measured: string;
  met: boolean;
}

/** The targets, evaluated against whatever phases of this run they apply to. */
export function evaluateTargets(result: RunResult): TargetCheck[] {
  const checks: TargetCheck[] = [];
  for (const p of result.phases) {
    const l = p.latency.acceptedToCompleted;
    if (l.count === 0) continue;
    if (p.targetRate === 50) {
      checks.push({ target: `${p.name} @50/s: p50 <= 25 ms`, measured: `${l.p50} ms`, met: l.p50 <= 25 });
      checks.push({ target: `${p.name} @50/s: p99 <= 75 ms`, measured: `${l.p99} ms`, met: l.p99 <= 75 });
    }
    if (p.targetRate >= 250) {
      checks.push({ target: `${p.name} @${p.targetRate}/s: p50 <= 50 ms`, measured: `${l.p50} ms`, met: l.p50 <= 50 });
      checks.push({
        target: `${p.name} @${p.targetRate}/s: p99 <= 200 ms`,
        measured: `${l.p99} ms`,
        met: l.p99 <= 200,
      });
      if (p.durationSec >= 600) {
        checks.push({
          target: `${p.name}: sustained >= 250 completed sagas/s for 10 min`,
          measured: `${p.completedPerSec}/s`,
          met: p.completedPerSec >= 250 && p.timeouts === 0,
        });
      }
    }
  }
  if (result.sweep) {
    const best = result.sweep.highestSustainableCompletedPerSec;
    checks.push({
      target: 'sweep: sustainable >= 250 completed sagas/s (step length, not 10 min)',
      measured: best === null ? 'no sustainable step' : `${best}/s at offered ${result.sweep.highestSustainableRate}/s`,
      met: best !== null && best >= 250,
    });
  }
  return checks;
}
