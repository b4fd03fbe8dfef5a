/** One reservation of provider capacity: its slot (epoch ms) and how many segments. */
export interface RateEntry {
  at: number;
  segments: number;
}

/** Segments reserved in the window (end - widthMs, end]. */
export function segmentsInWindow(entries: readonly RateEntry[], end: number, widthMs = 1000): number {
  const from = end - widthMs;
  return entries.reduce((sum, e) => (e.at > from && e.at <= end ? sum + e.segments : sum), 0);
}

/**
 * Whether `segments` more may go into a window already holding `used` under `rate` segments per
 * second. A message longer than the rate itself goes alone into an empty window, or it could never be sent.
 */
export function fitsRate(used: number, segments: number, rate: number): boolean {
  if (used + segments <= rate) return true;
  return used === 0 && segments > rate;
}

export interface SlotRequest {
  /** Not before this instant (the database's now), epoch ms. */
  earliest: number;
  segments: number;
  rate: number;
  /** Slack a hand-off may take after its slot; windows are widened by it so late-but-allowed hand-offs never bunch. */
  marginMs: number;
}

/**
 * The earliest slot T ≥ `earliest` and ≥ every reserved slot such that the window (T − 1 s − margin, T]
 * holds at most `rate` segments with this message, paced so that consecutive slots are spread
 * rather than bunched at one instant. A hand-off made anywhere in [T, T + margin] then keeps
 * every sliding second within the rate. `reserved` must be sorted by `at`.
 */
export function nextSlot(reserved: readonly RateEntry[], request: SlotRequest): number {
  const { earliest, segments, rate, marginMs } = request;
  const width = 1000 + marginMs;
  const last = reserved[reserved.length - 1];
  // Pacing at the rate: without it the sliding window repeats the first window's burst shape for
  // ever (everything at one instant, then a second of silence). It costs well under 1 % of the rate
  // with 1–2 segment messages. The window check below is what guarantees the rate.
  let slot = last ? Math.max(earliest, last.at + Math.floor((Math.min(last.segments, rate) * 1000) / rate)) : earliest;
  for (;;) {
    // Every reservation is at or before the slot: the window is a suffix of the sorted list.
    let used = 0;
    let oldest: RateEntry | undefined;
    for (let i = reserved.length - 1; i >= 0; i -= 1) {
      const entry = reserved[i];
      if (!entry || entry.at <= slot - width) break;
      used += entry.segments;
      oldest = entry;
    }
    if (!oldest || fitsRate(used, segments, rate)) return slot;
    // Move on to the moment the oldest reservation leaves the window.
    slot = oldest.at + width;
  }
}

/** Exponential backoff for a retryable provider error after `attempt` attempts (1-based). */
export function retryDelayMs(attempt: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
}
