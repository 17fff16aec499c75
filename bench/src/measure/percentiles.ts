export interface LatencySummary {
  count: number;
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  p999: number;
  max: number;
}

export const EMPTY_SUMMARY: LatencySummary = { count: 0, mean: 0, p50: 0, p90: 0, p99: 0, p999: 0, max: 0 };

/** Nearest-rank percentile of an ascending-sorted array (q in 0..1). */
export function percentileOfSorted(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil(q * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export function summarize(values: readonly number[]): LatencySummary {
  if (values.length === 0) return EMPTY_SUMMARY;
  const sorted = [...values].sort((a, b) => a - b);
  const sum = sorted.reduce((acc, v) => acc + v, 0);
  const round = (v: number) => Math.round(v * 10) / 10;
  return {
    count: sorted.length,
    mean: round(sum / sorted.length),
    p50: round(percentileOfSorted(sorted, 0.5)),
    p90: round(percentileOfSorted(sorted, 0.9)),
    p99: round(percentileOfSorted(sorted, 0.99)),
    p999: round(percentileOfSorted(sorted, 0.999)),
    max: round(sorted[sorted.length - 1]),
  };
}
