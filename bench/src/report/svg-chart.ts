export interface Series {
  name: string;
  points: [number, number][];
}

const PALETTE = [
  '#1f77b4',
  '#ff7f0e',
  '#2ca02c',
  '#d62728',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#7f7f7f',
  '#bcbd22',
  '#17becf',
];
const W = 920;
const H = 260;
const M = { left: 64, right: 170, top: 28, bottom: 36 };

export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A self-contained line chart (inline SVG, no scripts): x in seconds of the run, y in `unit`. */
export function lineChart(
  title: string,
  unit: string,
  series: Series[],
  marks: { name: string; startSec: number }[] = [],
): string {
  const all = series.flatMap((s) => s.points);
  if (all.length === 0)
    return `<figure><figcaption>${escapeHtml(title)}</figcaption><p class="empty">no samples</p></figure>`;
  const xMax = Math.max(1, ...all.map((p) => p[0]));
  const yMax = niceCeiling(Math.max(1, ...all.map((p) => p[1])));
  const x = (v: number) => M.left + (v / xMax) * (W - M.left - M.right);
  const y = (v: number) => H - M.bottom - (v / yMax) * (H - M.top - M.bottom);
  const parts: string[] = [];
  for (let i = 0; i <= 4; i++) {
    const v = (yMax / 4) * i;
    parts.push(`<line x1="${M.left}" x2="${W - M.right}" y1="${y(v)}" y2="${y(v)}" stroke="#e5e5e5"/>`);
    parts.push(`<text x="${M.left - 6}" y="${y(v) + 4}" text-anchor="end">${formatNumber(v)}</text>`);
  }
  for (let i = 0; i <= 6; i++) {
    const v = (xMax / 6) * i;
    parts.push(`<text x="${x(v)}" y="${H - M.bottom + 16}" text-anchor="middle">${Math.round(v)}s</text>`);
  }
  for (const mark of marks) {
    parts.push(
      `<line x1="${x(mark.startSec)}" x2="${x(mark.startSec)}" y1="${M.top}" y2="${H - M.bottom}" stroke="#bbb" stroke-dasharray="3,3"/>`,
    );
    parts.push(`<text x="${x(mark.startSec) + 3}" y="${M.top + 10}" class="mark">${escapeHtml(mark.name)}</text>`);
  }
  series.forEach((s, i) => {
    const color = PALETTE[i % PALETTE.length];
    const d = s.points.map((p, j) => `${j === 0 ? 'M' : 'L'}${x(p[0]).toFixed(1)},${y(p[1]).toFixed(1)}`).join('');
    parts.push(`<path d="${d}" fill="none" stroke="${color}" stroke-width="1.5"/>`);
    parts.push(`<rect x="${W - M.right + 12}" y="${M.top + i * 16}" width="10" height="10" fill="${color}"/>`);
    parts.push(`<text x="${W - M.right + 26}" y="${M.top + i * 16 + 9}">${escapeHtml(s.name)}</text>`);
  });
  parts.push(`<text x="${M.left}" y="16" class="title">${escapeHtml(title)} (${escapeHtml(unit)})</text>`);
  return `<figure><svg viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${escapeHtml(title)}">${parts.join('')}</svg></figure>`;
}

function niceCeiling(v: number): number {
  const magnitude = 10 ** Math.floor(Math.log10(v));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * magnitude >= v) return step * magnitude;
  return 10 * magnitude;
}

function formatNumber(v: number): string {
  if (v >= 1e6) return `${(v / 1e6).toFixed(1)}M`;
  if (v >= 1e4) return `${(v / 1e3).toFixed(0)}k`;
  return Number.isInteger(v) ? String(v) : v.toFixed(1);
}
