import { cpuPerSaga } from '../analysis/cpu-per-saga';
import { describeServiceNodes } from '../measure/service-runtimes';
import { evaluateTargets } from './targets';
import { RunResult } from './result';

function table(header: string[], rows: (string | number)[][]): string {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((c, i) => c.padStart(widths[i])).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

export function renderSummary(result: RunResult): string {
  const out: string[] = [`\n== ${result.scenario} ${result.label ? `[${result.label}] ` : ''}run ${result.runId} ==`];
  out.push(
    table(
      [
        'phase',
        'rate',
        'sent',
        '202',
        'err',
        'late',
        'done',
        'cancel',
        'tmo',
        'unexp',
        'done/s',
        'end/s',
        'c.p50',
        'c.p99',
        'c.max',
        'http.p99',
        'verdict',
      ],
      result.phases.map((p) => [
        p.name,
        p.targetRate,
        p.sent,
        p.accepted,
        p.httpErrors,
        p.lateSends,
        p.completed,
        p.cancelled,
        p.timeouts,
        p.unexpectedOutcomes,
        p.completedPerSec,
        p.terminalPerSec,
        p.latency.acceptedToCompleted.p50,
        p.latency.acceptedToCompleted.p99,
        p.latency.acceptedToCompleted.max,
        p.latency.http.p99,
        p.verdict ? (p.verdict.sustainable ? 'ok' : 'NOT sustainable') : '-',
      ]),
    ),
  );
  out.push(
    '(c.* = accepted(202) -> OrderCompleted in ms; end/s = completed + cancelled per second; tmo = not terminal within the timeout)',
  );
  for (const p of result.phases) {
    if (p.verdict && !p.verdict.sustainable) out.push(`  ${p.name}: ${p.verdict.reasons.join('; ')}`);
    if (p.httpErrorSamples.length) out.push(`  ${p.name} HTTP errors, e.g.: ${p.httpErrorSamples.join(' | ')}`);
    const reasons = Object.entries(p.cancelReasons)
      .map(([r, n]) => `${r}=${n}`)
      .join(' ');
    if (reasons) out.push(`  ${p.name} cancellations: ${reasons}`);
  }
  if (result.sweep) {
    out.push(
      `highest sustainable: offered ${result.sweep.highestSustainableRate ?? '-'}/s -> ${result.sweep.highestSustainableCompletedPerSec ?? '-'} completed sagas/s (${result.sweep.highestSustainableTerminalPerSec ?? '-'} ended/s)`,
    );
  }
  const relayMax = new Map<string, number>();
  for (const s of result.relayLag) relayMax.set(s.service, Math.max(relayMax.get(s.service) ?? 0, s.oldestAgeMs));
  out.push(
    `max outbox relay lag (oldest unpublished): ${[...relayMax].map(([s, v]) => `${s} ${v} ms`).join(', ') || 'no samples'}`,
  );
  const lagMax = result.consumerLag.reduce((a, s) => Math.max(a, s.total), 0);
  out.push(`max total consumer lag: ${lagMax} messages`);
  const cpuAvg = averageCpu(result);
  if (cpuAvg.length) out.push(`avg CPU % of one core: ${cpuAvg.map(([k, v]) => `${k} ${v}`).join(', ')}`);
  for (const c of cpuPerSaga(result)) {
    out.push(
      `CPU per ended saga, ${c.phase}: ${c.totalMs} ms (${c.byProcess.map(([k, v]) => `${k} ${v}`).join(', ')})`,
    );
  }
  const durability = result.environment.postgresDurability as { fsync: string; synchronousCommit: string } | undefined;
  if (durability)
    out.push(
      `PostgreSQL durability: fsync=${durability.fsync}, synchronous_commit=${durability.synchronousCommit}` +
        (durability.fsync === 'on' && durability.synchronousCommit === 'on' ? ' (durable)' : ' (NOT durable)'),
    );
  const serviceNodes = result.environment.serviceNodes as Record<string, string> | undefined;
  if (serviceNodes)
    out.push(`services on Node ${describeServiceNodes(serviceNodes)} (bench on ${String(result.environment.node)})`);
  const lag = result.projectionLag;
  if (lag)
    out.push(
      `explorer projection behind terminal events: p50 ${lag.lagMs.p50} ms, p99 ${lag.lagMs.p99} ms, max ${lag.lagMs.max} ms` +
        ` over ${lag.lagMs.count} sagas${lag.missing ? ` (${lag.missing} not projected)` : ''}`,
    );
  if (result.environment.calibrationMs !== undefined)
    out.push(`machine calibration (fixed CPU loop, lower is faster): ${String(result.environment.calibrationMs)} ms`);
  out.push('\ninvariants:');
  for (const inv of result.invariants) {
    out.push(`  [${inv.ok ? 'PASS' : 'FAIL'}] ${inv.name}: ${inv.detail}`);
    inv.violations.forEach((v) => out.push(`         ${v}`));
  }
  const targets = evaluateTargets(result);
  if (targets.length) {
    out.push('\ntargets:');
    targets.forEach((t) => out.push(`  [${t.met ? 'MET' : 'MISSED'}] ${t.target}: ${t.measured}`));
  }
  result.notes.forEach((n) => out.push(`note: ${n}`));
  return out.join('\n');
}

export function averageCpu(result: RunResult): [string, number][] {
  const sums = new Map<string, number>();
  for (const s of result.cpu) for (const [k, v] of Object.entries(s.byProcess)) sums.set(k, (sums.get(k) ?? 0) + v);
  const n = Math.max(1, result.cpu.length);
  return [...sums].map(([k, v]) => [k, Math.round((v / n) * 10) / 10] as [string, number]).sort((a, b) => b[1] - a[1]);
}
