// The local stand-in for the AWS WAF rate-based rule CDK puts in front of the API (see
// API_KEY_RATE_LIMIT in cdk/artifacts/api.ts): API-key requests (the public customer-link pages)
// are counted per client address over a sliding window; past the limit they are refused with the
// rule's own 429 answer until the window has room again. Signed-in and IAM callers are not counted.

export interface RateLimit {
  /** Requests allowed per client address within the window. */
  limit: number;
  windowSeconds: number;
}

export class SlidingWindowRateLimiter {
  /** Request times per client, oldest first; never longer than the limit. */
  private readonly seen = new Map<string, number[]>();

  constructor(
    private readonly rule: RateLimit,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records a request from `client`; false when it is over the limit (and then it is not recorded). */
  allow(client: string): boolean {
    const now = this.now();
    const windowStart = now - this.rule.windowSeconds * 1000;
    const times = (this.seen.get(client) ?? []).filter((t) => t > windowStart);
    if (times.length >= this.rule.limit) {
      this.seen.set(client, times);
      return false;
    }
    times.push(now);
    this.seen.set(client, times);
    return true;
  }
}
