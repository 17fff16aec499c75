import type { RunResult } from '../report/result';

export interface CpuPerSaga {
  phase: string;
  /** CPU milliseconds per saga ended in the phase, over every sampled process class */
  totalMs: number;
  byProcess: [string, number][];
}

/**
 * CPU cost of a saga, per measured phase: the CPU every process class used while the phase ran,
 * divided by the sagas that ended in it. Unlike throughput and latency it barely depends on how
 * loaded the machine is, so it compares runs made at different times or rates.
 */
export function cpuPerSaga(result: RunResult): CpuPerSaga[] {
  return result.phases.flatMap((phase) => {
    const mark = result.phaseMarks.find((m) => m.name === phase.name);
    const ended = Math.round(phase.terminalPerSec * phase.durationSec);
    if (!mark || ended === 0) return [];
    const sums = new Map<string, number>();
    for (const sample of result.cpu) {
      if (sample.sec <= mark.startSec || sample.sec > mark.endSec) continue;
      for (const [name, pct] of Object.entries(sample.byProcess)) sums.set(name, (sums.get(name) ?? 0) + pct);
    }
    // a sample is the % of one core over one second: pct * 10 = CPU ms
    const byProcess = [...sums]
      .map(([name, pct]) => [name, round1((pct * 10) / ended)] as [string, number])
      .sort((a, b) => b[1] - a[1]);
    return [{ phase: phase.name, totalMs: round1(byProcess.reduce((a, [, ms]) => a + ms, 0)), byProcess }];
  });
}

const round1 = (v: number) => Math.round(v * 10) / 10;
