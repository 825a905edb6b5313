// When to look again for the outcome of work that usually takes about as long as it took the
// last few times (a booking saga): the first look comes just before the typical duration, later
// ones at a fraction of it. Fixed short intervals cost one DescribeExecution per interval — under
// load seven or more per booking, against an account-wide Step Functions API quota on AWS — while
// this settles near two, and detects completion at most a fifth of the typical duration late.

export interface AdaptivePollOptions {
  /** Typical duration assumed before anything was observed. */
  initialTypicalMs: number;
  minDelayMs: number;
  maxDelayMs: number;
  /** Weight of each new observation in the moving average (0..1]. */
  smoothing: number;
}

const DEFAULTS: AdaptivePollOptions = { initialTypicalMs: 60, minDelayMs: 5, maxDelayMs: 250, smoothing: 0.2 };

export class AdaptivePoll {
  private typical: number;
  private readonly options: AdaptivePollOptions;

  constructor(options: Partial<AdaptivePollOptions> = {}) {
    this.options = { ...DEFAULTS, ...options };
    this.typical = this.options.initialTypicalMs;
  }

  get typicalMs(): number {
    return this.typical;
  }

  /** Delay before look number `attempt` (0 = the first look after starting the work). */
  delayBefore(attempt: number): number {
    const { minDelayMs, maxDelayMs } = this.options;
    const raw = attempt === 0 ? 0.8 * this.typical : 0.2 * this.typical;
    return Math.min(maxDelayMs, Math.max(minDelayMs, Math.round(raw)));
  }

  /** Records how long the work took (as far as the looks could tell). */
  observe(durationMs: number): void {
    if (!Number.isFinite(durationMs) || durationMs < 0) return;
    this.typical += this.options.smoothing * (durationMs - this.typical);
  }
}
