import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { RunResult } from './result';
import { escapeHtml as e } from './svg-chart';
import { averageCpu } from './terminal-table';

interface Row {
  metric: string;
  a: number;
  b: number;
}

/** Side by side of two result files (e.g. TRACING_ENABLED=true vs false), first measured phase of each. */
export async function compareResults(
  fileA: string,
  fileB: string,
  outDir: string,
  log: (m: string) => void,
): Promise<void> {
  const [a, b] = await Promise.all([fileA, fileB].map(async (f) => JSON.parse(await readFile(f, 'utf8')) as RunResult));
  const rows = compareRows(a, b);
  const name = (r: RunResult) => r.label || `${r.scenario} ${r.runId}`;
  const width = Math.max(...rows.map((r) => r.metric.length));
  log(`\n${'metric'.padEnd(width)}  ${name(a).padStart(16)}  ${name(b).padStart(16)}  ${'B vs A'.padStart(8)}`);
  for (const r of rows)
    log(`${r.metric.padEnd(width)}  ${String(r.a).padStart(16)}  ${String(r.b).padStart(16)}  ${delta(r).padStart(8)}`);
  const file = path.join(outDir, `compare-${a.runId}-vs-${b.runId}.html`);
  await writeFile(
    file,
    `<!doctype html><html><head><meta charset="utf-8"><title>compare</title><style>body{font:14px system-ui;margin:24px}td,th{border:1px solid #ddd;padding:3px 8px;text-align:right}table{border-collapse:collapse}td:first-child{text-align:left}</style></head><body>
<h1>${e(name(a))} vs ${e(name(b))}</h1><table><tr><th>metric</th><th>A: ${e(name(a))}</th><th>B: ${e(name(b))}</th><th>B vs A</th></tr>
${rows.map((r) => `<tr><td>${e(r.metric)}</td><td>${r.a}</td><td>${r.b}</td><td>${delta(r)}</td></tr>`).join('')}</table>
<p>Reports: A <code>${e(a.runId)}</code>, B <code>${e(b.runId)}</code> (their own HTML files hold the charts).</p></body></html>`,
  );
  log(`\ncomparison: ${file}`);
}

export function compareRows(a: RunResult, b: RunResult): Row[] {
  const [pa, pb] = [a.phases[0], b.phases[0]];
  if (!pa || !pb) throw new Error('both result files need at least one measured phase');
  const maxRelay = (r: RunResult) => r.relayLag.reduce((m, s) => Math.max(m, s.oldestAgeMs), 0);
  const maxLag = (r: RunResult) => r.consumerLag.reduce((m, s) => Math.max(m, s.total), 0);
  const cpu = (r: RunResult) => Object.fromEntries(averageCpu(r));
  const rows: Row[] = [
    { metric: 'offered rate /s', a: pa.targetRate, b: pb.targetRate },
    { metric: 'completed sagas /s', a: pa.completedPerSec, b: pb.completedPerSec },
    {
      metric: 'accepted->completed p50 ms',
      a: pa.latency.acceptedToCompleted.p50,
      b: pb.latency.acceptedToCompleted.p50,
    },
    {
      metric: 'accepted->completed p90 ms',
      a: pa.latency.acceptedToCompleted.p90,
      b: pb.latency.acceptedToCompleted.p90,
    },
    {
      metric: 'accepted->completed p99 ms',
      a: pa.latency.acceptedToCompleted.p99,
      b: pb.latency.acceptedToCompleted.p99,
    },
    {
      metric: 'accepted->completed max ms',
      a: pa.latency.acceptedToCompleted.max,
      b: pb.latency.acceptedToCompleted.max,
    },
    { metric: 'HTTP p99 ms', a: pa.latency.http.p99, b: pb.latency.http.p99 },
    { metric: 'timeouts', a: pa.timeouts, b: pb.timeouts },
    { metric: 'HTTP errors', a: pa.httpErrors, b: pb.httpErrors },
    { metric: 'max relay lag ms', a: maxRelay(a), b: maxRelay(b) },
    { metric: 'max consumer lag msgs', a: maxLag(a), b: maxLag(b) },
  ];
  const [ca, cb] = [cpu(a), cpu(b)];
  for (const k of [...new Set([...Object.keys(ca), ...Object.keys(cb)])])
    rows.push({ metric: `CPU % ${k}`, a: ca[k] ?? 0, b: cb[k] ?? 0 });
  return rows;
}

function delta(r: Row): string {
  if (r.a === 0) return r.b === 0 ? '0%' : 'n/a';
  const pct = ((r.b - r.a) / r.a) * 100;
  return `${pct >= 0 ? '+' : ''}${pct.toFixed(0)}%`;
}
