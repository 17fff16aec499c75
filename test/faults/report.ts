import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InvariantResult } from '../../bench/src/invariants/check-invariants';
import { UnexpectedExit } from './fleet';
import { FaultResult } from './metrics';

export interface SuiteResult {
  runId: string;
  startedAt: string;
  mode: 'full' | 'quick';
  /** Only faults whose name contains this were run. */
  only?: string;
  instances: 1 | 2;
  ratePerSec: number;
  tracing: boolean;
  gitRevision: string;
  baseline: { checkouts: number; p50Ms: number | null; p95Ms: number | null; normalThresholdMs: number };
  faults: FaultResult[];
  invariants: InvariantResult[];
  unexpectedExits: UnexpectedExit[];
  totals: {
    checkouts: number;
    accepted: number;
    completed: number;
    cancelled: number;
    timeoutCancelled: number;
    openAfterDrain: number;
  };
  durationSec: number;
}

const secs = (ms: number | null) => (ms === null ? '—' : (ms / 1000).toFixed(1));

export function faultTable(result: SuiteResult): string {
  const header =
    '| fault | checkouts | refused | TIMEOUT | other cancelled | first accepted (s) | normal e2e (s) | ready (s) | p50 / p99 / max e2e (s) | own exits |';
  const rule = '|---|---:|---:|---:|---:|---:|---:|---:|---|---:|';
  const rows = result.faults.map(
    (f) =>
      `| ${f.name}${f.note ? ` (${f.note})` : ''}${f.settled ? '' : ' ⚠ not settled'} | ${f.checkouts} | ${f.refused} | ${f.timeoutCancelled} | ${f.otherCancelled} | ${secs(f.firstAcceptedMs)} | ${secs(f.normalLatencyMs)} | ${secs(f.backMs)} | ${secs(f.p50Ms)} / ${secs(f.p99Ms)} / ${secs(f.maxMs)} | ${f.unexpectedExits} |`,
  );
  return [header, rule, ...rows].join('\n');
}

export function invariantTable(result: SuiteResult): string {
  const rows = result.invariants.map((i) => `| ${i.ok ? 'ok' : 'FAIL'} | ${i.name} | ${i.detail} |`);
  const violations = result.invariants
    .filter((i) => !i.ok)
    .flatMap((i) => i.violations.map((v) => `- ${i.name}: ${v}`));
  return ['| | invariant | detail |', '|---|---|---|', ...rows, '', ...violations].join('\n');
}

export function markdown(result: SuiteResult): string {
  const t = result.totals;
  return `# Fault suite ${result.runId}

${result.mode} run${result.only ? ` (only faults matching "${result.only}")` : ''}, ${result.instances} instance(s) per service, ${result.ratePerSec} checkouts/s, tracing ${result.tracing ? 'on (shared Jaeger)' : 'off'}, revision ${result.gitRevision}, ${result.startedAt}, ${Math.round(result.durationSec / 60)} min.

Baseline: ${result.baseline.checkouts} checkouts, end-to-end p50 ${secs(result.baseline.p50Ms)} s, p95 ${secs(result.baseline.p95Ms)} s; "normal" = at most ${secs(result.baseline.normalThresholdMs)} s.
Totals: ${t.checkouts} checkouts, ${t.accepted} accepted, ${t.completed} completed, ${t.cancelled} cancelled (${t.timeoutCancelled} by TIMEOUT), ${t.openAfterDrain} still open after the drain.

${faultTable(result)}

${invariantTable(result)}
`;
}

export function writeResult(dir: string, result: SuiteResult): { json: string; md: string } {
  mkdirSync(dir, { recursive: true });
  const json = join(dir, 'result.json');
  const md = join(dir, 'result.md');
  writeFileSync(json, JSON.stringify(result, null, 2));
  writeFileSync(md, markdown(result));
  return { json, md };
}
