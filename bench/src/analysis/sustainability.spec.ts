import { EMPTY_SUMMARY } from '../measure/percentiles';
import { PhaseSummary } from './phase-summary';
import { judgeSustainability } from './sustainability';
import { WindowStats } from './timeline';

const summary = (over: Partial<PhaseSummary> = {}): PhaseSummary => ({
  name: 'step',
  targetRate: 100,
  durationSec: 30,
  sent: 3000,
  accepted: 3000,
  httpErrors: 0,
  httpErrorSamples: [],
  lateSends: 0,
  maxLatenessMs: 1,
  completed: 2400,
  cancelled: 600,
  cancelReasons: {},
  timeouts: 0,
  unterminated: 0,
  unexpectedOutcomes: 0,
  conflictingTerminals: 0,
  completedPerSec: 80,
  terminalPerSec: 100,
  latency: { acceptedToCompleted: EMPTY_SUMMARY, acceptedToTerminal: EMPTY_SUMMARY, http: EMPTY_SUMMARY },
  ...over,
});

function windows(n: number, at: (i: number) => { p99: number; inFlight: number; ended?: number }): WindowStats[] {
  return Array.from({ length: n }, (_, i) => {
    const w = at(i);
    return {
      second: i,
      sent: 100,
      accepted: 100,
      httpErrors: 0,
      completed: w.ended ?? 100,
      cancelled: 0,
      inFlight: w.inFlight,
      sagaP50: w.p99 / 3,
      sagaP90: w.p99 / 2,
      sagaP99: w.p99,
      sagaMax: w.p99,
      httpP50: 2,
      httpP99: 5,
    };
  });
}

describe('judgeSustainability', () => {
  it('accepts a steady step even with one latency spike', () => {
    const ws = windows(30, (i) => ({ p99: i === 25 ? 900 : 60, inFlight: 8 }));
    expect(judgeSustainability(summary(), ws)).toEqual({ sustainable: true, reasons: [] });
  });

  it('rejects a step whose p99 and backlog keep climbing', () => {
    const ws = windows(30, (i) => ({ p99: 50 + i * 40, inFlight: i * 30, ended: 70 }));
    const verdict = judgeSustainability(summary(), ws);
    expect(verdict.sustainable).toBe(false);
    expect(verdict.reasons.join('\n')).toMatch(/p99 growing/);
    expect(verdict.reasons.join('\n')).toMatch(/backlog/);
    expect(verdict.reasons.join('\n')).toMatch(/sagas end at 70.0\/s but arrive at 100.0\/s/);
  });

  it('rejects a step where the generator could not keep its schedule or sagas timed out', () => {
    const ws = windows(30, () => ({ p99: 60, inFlight: 8 }));
    const verdict = judgeSustainability(summary({ lateSends: 200, timeouts: 5 }), ws);
    expect(verdict.sustainable).toBe(false);
    expect(verdict.reasons).toHaveLength(2);
  });
});
