import { resolve } from 'node:path';
import { systemClock } from '../../bench/src/load/clock';

export const REPO_ROOT = resolve(__dirname, '..', '..');

export const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

export type Log = (message: string) => void;

/** Milliseconds since the epoch (the bench's clock): comparable with PostgreSQL's now() on the same machine. */
export const now = () => systemClock.now();

export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
