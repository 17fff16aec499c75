import { retryDelayMs } from './retry-policy';

describe('retryDelayMs', () => {
  it('starts at the initial delay before the second try, doubles, and caps', () => {
    const policy = { maxAttempts: 6, initialDelayMs: 100, maxDelayMs: 500 };
    expect([2, 3, 4, 5, 6].map((attempt) => retryDelayMs(policy, attempt))).toEqual([100, 200, 400, 500, 500]);
  });
});
