import fc from 'fast-check';
import { AdaptivePoll } from '../../../functions/shared/adaptive-poll';

describe('AdaptivePoll', () => {
  it('always waits within the bounds, whatever was observed', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1e6, noNaN: true })), fc.nat(50), (durations, attempt) => {
        const poll = new AdaptivePoll({ minDelayMs: 5, maxDelayMs: 250 });
        durations.forEach((d) => poll.observe(d));
        const delay = poll.delayBefore(attempt);
        return delay >= 5 && delay <= 250;
      }),
    );
  });

  it('settles on the typical duration: first look just before it, then a fifth of it', () => {
    const poll = new AdaptivePoll({ initialTypicalMs: 60 });
    for (let i = 0; i < 60; i++) poll.observe(200);
    expect(poll.typicalMs).toBeCloseTo(200, 0);
    expect(poll.delayBefore(0)).toBe(160);
    expect(poll.delayBefore(1)).toBe(40);
    expect(poll.delayBefore(7)).toBe(40);
  });

  it('looks about twice for work that takes the typical time, where fixed 15 ms steps would look many times', () => {
    const poll = new AdaptivePoll({ initialTypicalMs: 300 });
    let elapsed = 0;
    let looks = 0;
    while (elapsed < 300) elapsed += poll.delayBefore(looks++);
    expect(looks).toBeLessThanOrEqual(3);
  });

  it('ignores impossible observations', () => {
    const poll = new AdaptivePoll({ initialTypicalMs: 80 });
    poll.observe(Number.NaN);
    poll.observe(-5);
    poll.observe(Number.POSITIVE_INFINITY);
    expect(poll.typicalMs).toBe(80);
  });
});
