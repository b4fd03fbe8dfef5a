/** One reservation of provider capacity: when, and how many segments. */
export interface RateEntry {
  at: Date;
  segments: number;
}

/** Segments sent in the sliding second ending at `now` (entries in (now - 1 s, now]). */
export function segmentsInLastSecond(entries: readonly RateEntry[], now: Date): number {
  const from = now.getTime() - 1000;
  return entries.reduce((sum, e) => (e.at.getTime() > from && e.at.getTime() <= now.getTime() ? sum + e.segments : sum), 0);
}

/**
 * Whether `segments` more may go now under `rate` segments per second. A message longer than the
 * rate itself goes alone into an empty second, or it could never be sent.
 */
export function fitsRate(usedInLastSecond: number, segments: number, rate: number): boolean {
  if (usedInLastSecond + segments <= rate) return true;
  return usedInLastSecond === 0 && segments > rate;
}

/** Exponential backoff for a retryable provider error after `attempt` attempts (1-based). */
export function retryDelayMs(attempt: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
}
