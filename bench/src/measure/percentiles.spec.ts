import { percentileOfSorted, summarize } from './percentiles';

describe('percentiles', () => {
  it('uses nearest rank so p99 of 1..100 is 99 and p50 is 50', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    const s = summarize(values);
    expect(s).toMatchObject({ count: 100, p50: 50, p90: 90, p99: 99, max: 100, mean: 50.5 });
  });

  it('returns the only value for every percentile of a single sample', () => {
    expect(percentileOfSorted([7], 0.5)).toBe(7);
    expect(percentileOfSorted([7], 0.999)).toBe(7);
  });

  it('summarizes an empty set as zeros instead of NaN', () => {
    expect(summarize([])).toMatchObject({ count: 0, p99: 0, mean: 0 });
  });
});
