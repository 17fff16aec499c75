import { performance } from 'node:perf_hooks';

/** Milliseconds since the epoch from a monotonic source, so intervals never jump with NTP. */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => performance.timeOrigin + performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};
