import { join } from 'node:path';
import { faultTable, invariantTable } from './report';
import { runFaultSuite } from './suite';
import { REPO_ROOT } from './support';

/**
 * The fault suite's CI subset on its own infra instance (ports +300, beside a manual `pnpm faults` on +200):
 * a participant SIGKILL + restart and a Redis FLUSHALL under open-loop load. Asserts correctness only
 * (every invariant, no process exiting on its own); recovery times are printed, never asserted.
 */
describe('fault suite (quick)', () => {
  it('keeps every invariant through a participant crash and a Redis flush', async () => {
    const { result, files } = await runFaultSuite({
      mode: 'quick',
      instances: 1,
      ratePerSec: 8,
      portOffset: 300,
      tracing: false,
      resultsDir: join(REPO_ROOT, 'test', 'faults', 'results'),
      baselineSec: 15,
      minSettleSec: 15,
      maxSettleSec: 45,
      log: (message) => process.stderr.write(`[faults] ${message}\n`),
    });
    process.stderr.write(`${faultTable(result)}\n\n${invariantTable(result)}\n\n${files.md}\n`);

    expect(result.totals.accepted).toBeGreaterThan(0);
    expect(result.totals.openAfterDrain).toBe(0);
    expect(result.unexpectedExits).toEqual([]);
    expect(result.invariants.filter((i) => !i.ok)).toEqual([]);
  }, 600_000);
});
