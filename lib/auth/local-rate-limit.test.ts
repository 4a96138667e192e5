import { describe, expect, it } from 'vitest';
import { createLocalRateLimiter } from './local-rate-limit';

describe('createLocalRateLimiter', () => {
  it('admits `limit` requests per key and window, then refuses until the window ends', () => {
    const limiter = createLocalRateLimiter(() => 3, 60);
    const t = 1_000_000;
    expect([1, 2, 3, 4].map(() => limiter.take('a', t))).toEqual([true, true, true, false]);
    expect(limiter.take('b', t)).toBe(true);
    expect(limiter.take('a', t + 59_999)).toBe(false);
    expect(limiter.take('a', t + 60_000)).toBe(true);
  });

  it('reads the limit on every request (a changed setting applies at once)', () => {
    let limit = 1;
    const limiter = createLocalRateLimiter(() => limit, 60);
    expect(limiter.take('a', 0)).toBe(true);
    expect(limiter.take('a', 1)).toBe(false);
    limit = 5;
    expect(limiter.take('a', 2)).toBe(true);
  });

  it('sweeps expired windows instead of growing without bound', () => {
    const limiter = createLocalRateLimiter(() => 1, 1);
    for (let i = 0; i < 10_000; i++) limiter.take(`ip-${i}`, 0);
    expect(limiter.size()).toBe(10_000);
    limiter.take('late', 5_000);
    expect(limiter.size()).toBe(1);
  });
});
