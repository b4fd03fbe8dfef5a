/**
 * Exponential backoff: the delay before the next try after `failures` consecutive failures (1-based),
 * doubling from `baseMs` up to `maxMs`. One rule for every retry loop in the project.
 */
export function backoffDelayMs(failures: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, failures - 1));
}

/** A retry loop's state: `next()` after a failure gives the delay to wait, `reset()` after a success. */
export class Backoff {
  private failures = 0;

  constructor(
    private readonly baseMs = 250,
    private readonly maxMs = 5000,
  ) {}

  next(): number {
    this.failures += 1;
    return backoffDelayMs(this.failures, this.baseMs, this.maxMs);
  }

  reset(): void {
    this.failures = 0;
  }
}
