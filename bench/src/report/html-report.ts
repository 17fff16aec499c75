import { cpuPerSaga } from '../analysis/cpu-per-saga';
import { describeServiceNodes } from '../measure/service-runtimes';
import { averageCpu } from './terminal-table';
import { evaluateTargets } from './targets';
import { RunResult } from './result';
import { escapeHtml as e, lineChart, Series } from './svg-chart';

const STYLE = `body{font:14px/1.45 system-ui,sans-serif;margin:24px;color:#222;max-width:1100px}
table{border-collapse:collapse;margin:8px 0 16px}td,th{border:1px solid #ddd;padding:3px 8px;text-align:right}
th{background:#f5f5f5}td:first-child,th:first-child{text-align:left}.ok{color:#137333}.bad{color:#c5221f;font-weight:600}
svg text{font:11px system-ui,sans-serif;fill:#444}svg .title{font-weight:600;font-size:13px}svg .mark{fill:#888}
figure{margin:8px 0 20px}.empty{color:#888}code{background:#f3f3f3;padding:1px 4px}`;

/** One self-contained HTML file (inline SVG and CSS, no scripts, no external assets). */
export function renderHtmlReport(r: RunResult): string {
  const t = r.timeline;
  const marks = r.phaseMarks.map((m) => ({ name: m.name, startSec: m.startSec }));
  const line = (name: string, pick: (w: RunResult['timeline'][number]) => number, skipEmpty = false): Series => ({
    name,
    points: t.filter((w) => !skipEmpty || w.completed + w.cancelled > 0).map((w) => [w.second, pick(w)]),
  });
  const services = [...new Set(r.relayLag.map((s) => s.service))];
  const topGroups = topConsumerGroups(r, 6);
  const cpuKeys = averageCpu(r).map(([k]) => k);

  const charts = [
    lineChart(
      'Saga latency, accepted (202) -> terminal event, by second the saga ended',
      'ms',
      [
        line('p50', (w) => w.sagaP50, true),
        line('p90', (w) => w.sagaP90, true),
        line('p99', (w) => w.sagaP99, true),
        line('max', (w) => w.sagaMax, true),
      ],
      marks,
    ),
    lineChart(
      'Throughput',
      'per second',
      [
        line('sent', (w) => w.sent),
        line('accepted (202)', (w) => w.accepted),
        line('completed', (w) => w.completed),
        line('cancelled', (w) => w.cancelled),
        line('HTTP errors', (w) => w.httpErrors),
      ],
      marks,
    ),
    lineChart('Sagas in flight (accepted, not yet terminal)', 'sagas', [line('in flight', (w) => w.inFlight)], marks),
    lineChart(
      'HTTP latency, scheduled send -> 202',
      'ms',
      [line('p50', (w) => w.httpP50), line('p99', (w) => w.httpP99)],
      marks,
    ),
    lineChart(
      'Outbox relay lag: age of the oldest unpublished row',
      'ms',
      services.map((s) => ({
        name: s,
        points: r.relayLag.filter((x) => x.service === s).map((x) => [x.sec, x.oldestAgeMs] as [number, number]),
      })),
      marks,
    ),
    lineChart(
      'Outbox relay lag: unpublished rows',
      'rows',
      services.map((s) => ({
        name: s,
        points: r.relayLag.filter((x) => x.service === s).map((x) => [x.sec, x.unpublished] as [number, number]),
      })),
      marks,
    ),
    lineChart(
      "Consumer lag of the services' groups",
      'messages',
      [
        { name: 'total', points: r.consumerLag.map((x) => [x.sec, x.total]) },
        ...topGroups.map((g) => ({
          name: g,
          points: r.consumerLag.map((x) => [x.sec, x.byGroup[g] ?? 0] as [number, number]),
        })),
      ],
      marks,
    ),
    lineChart(
      'CPU per process class',
      '% of one core',
      cpuKeys.map((k) => ({
        name: k,
        points: r.cpu.map((x) => [x.sec, x.byProcess[k] ?? 0] as [number, number]),
      })),
      marks,
    ),
  ];

  return `<!doctype html><html><head><meta charset="utf-8"><title>saga bench ${e(r.scenario)} ${e(r.runId)}</title><style>${STYLE}</style></head><body>
<h1>Saga benchmark: ${e(r.scenario)}${r.label ? ` <small>[${e(r.label)}]</small>` : ''}</h1>
<p>Run <code>${e(r.runId)}</code>, ${e(r.startedAt)} &rarr; ${e(r.finishedAt)}. ${e(String(r.environment.cpus))} CPUs (${e(String(r.environment.cpuModel))}), bench on Node ${e(String(r.environment.node))}${r.environment.serviceNodes ? `, services on Node ${e(describeServiceNodes(r.environment.serviceNodes as Record<string, string>))}` : ''}.
${cpuPerSaga(r)
  .map(
    (c) =>
      `<p>CPU per ended saga, ${e(c.phase)}: <b>${c.totalMs} ms</b> (${e(c.byProcess.map(([k, v]) => `${k} ${v}`).join(', '))})</p>`,
  )
  .join('\n')}
${r.environment.postgresDurability ? `<p>PostgreSQL durability: ${e(JSON.stringify(r.environment.postgresDurability))}</p>` : ''}
${r.environment.calibrationMs !== undefined ? `<p>Machine calibration (fixed CPU loop, lower is faster): ${e(String(r.environment.calibrationMs))} ms</p>` : ''}
Latency is measured from the 202 response to the moment the bench's own consumer group received the terminal event
(<code>order.processed</code>, <code>order.processing.fail</code>, <code>order.payment.fail</code>); arrivals are open-loop, so a slow platform cannot slow the offered load down.</p>
${r.sweep ? `<h2>Sweep result</h2><p><b>Highest sustainable:</b> offered ${r.sweep.highestSustainableRate ?? '&ndash;'}/s &rarr; <b>${r.sweep.highestSustainableCompletedPerSec ?? '&ndash;'} completed sagas/s</b> (${r.sweep.highestSustainableTerminalPerSec ?? '&ndash;'} sagas ended/s including cancellations).</p>` : ''}
<h2>Phases</h2>${phaseTable(r)}
<h2>Targets</h2>${targetTable(r)}
<h2>Invariants (this run's entities, after draining)</h2>${invariantTable(r)}
<h2>Over time</h2><p>Dashed lines mark phase starts (warm-up, steps).</p>${charts.join('\n')}
<h2>Average CPU</h2><table><tr><th>process</th><th>% of one core</th></tr>${averageCpu(r)
    .map(([k, v]) => `<tr><td>${e(k)}</td><td>${v}</td></tr>`)
    .join('')}</table>
<h2>Run configuration</h2><table>${Object.entries({ ...r.options, ...prefix('fixtures.', r.fixtures) })
    .map(([k, v]) => `<tr><td>${e(k)}</td><td>${e(JSON.stringify(v))}</td></tr>`)
    .join('')}</table>
${r.notes.length ? `<h2>Notes</h2><ul>${r.notes.map((n) => `<li>${e(n)}</li>`).join('')}</ul>` : ''}
</body></html>`;
}

function phaseTable(r: RunResult): string {
  const head = [
    'phase',
    'rate/s',
    'sent',
    '202',
    'HTTP err',
    'late sends',
    'completed',
    'cancelled',
    'timeouts',
    'unexpected',
    'completed/s',
    'ended/s',
    'p50',
    'p90',
    'p99',
    'p99.9',
    'max',
    'HTTP p50',
    'HTTP p99',
    'verdict',
  ];
  const rows = r.phases.map((p) => {
    const l = p.latency.acceptedToCompleted;
    const verdict = p.verdict
      ? p.verdict.sustainable
        ? '<span class="ok">sustainable</span>'
        : `<span class="bad">not sustainable</span><br><small>${e(p.verdict.reasons.join('; '))}</small>`
      : '';
    return [
      e(p.name),
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
      l.p50,
      l.p90,
      l.p99,
      l.p999,
      l.max,
      p.latency.http.p50,
      p.latency.http.p99,
      verdict,
    ];
  });
  return `<table><tr>${head.map((h) => `<th>${h}</th>`).join('')}</tr>${rows.map((row) => `<tr>${row.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('')}</table>
<p><small>Latency columns (ms): accepted (202) &rarr; OrderCompleted observed, completed sagas only. Timeouts: accepted sagas not terminal within the terminal timeout. Unexpected: ended differently than the mix intended (e.g. a checkout meant to succeed was cancelled by the deadline).</small></p>`;
}

function targetTable(r: RunResult): string {
  const checks = evaluateTargets(r);
  if (checks.length === 0) return '<p class="empty">No phase of this run is at a target rate (50/s or &ge; 250/s).</p>';
  return `<table><tr><th>target</th><th>measured</th><th></th></tr>${checks.map((c) => `<tr><td>${e(c.target)}</td><td>${e(c.measured)}</td><td class="${c.met ? 'ok' : 'bad'}">${c.met ? 'met' : 'missed'}</td></tr>`).join('')}</table>`;
}

function invariantTable(r: RunResult): string {
  return `<table><tr><th>invariant</th><th>result</th><th>examples</th></tr>${r.invariants.map((i) => `<tr><td>${e(i.name)}</td><td class="${i.ok ? 'ok' : 'bad'}">${e(i.detail)}</td><td style="text-align:left"><small>${i.violations.map(e).join('<br>')}</small></td></tr>`).join('')}</table>`;
}

function topConsumerGroups(r: RunResult, n: number): string[] {
  const peaks = new Map<string, number>();
  for (const s of r.consumerLag)
    for (const [g, v] of Object.entries(s.byGroup)) peaks.set(g, Math.max(peaks.get(g) ?? 0, v));
  return [...peaks]
    .filter(([, v]) => v > 0)
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([g]) => g);
}

const prefix = (p: string, o: object) => Object.fromEntries(Object.entries(o).map(([k, v]) => [`${p}${k}`, v]));
