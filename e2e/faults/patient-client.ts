// What a real client does during an outage: retry the SAME request (same Idempotency-Key) with
// back-off, for a bounded time. Wraps the journey driver's `call` so every journey step gets it.
import { ApiError, type Journey } from '../journey.js';

export interface RetryStats {
  retried: number;
  /** Requests given up on after the bound: each is evidence of a lost or stuck request. */
  gaveUp: { request: string; error: string }[];
}

/** Outage answers worth retrying: no answer, 5xx, 429, 409 "same request still in progress / retry". */
export function isRetriable(error: unknown): boolean {
  if (!(error instanceof ApiError)) return true; // network error: connection refused or reset
  if (error.status >= 500 || error.status === 429) return true;
  const code = (error.body as { code?: string } | undefined)?.code;
  return error.status === 409 && (code === 'IDEMPOTENCY.IN_PROGRESS' || code === 'IDEMPOTENCY.RETRY');
}

type Call = Journey['call'];

function isInProgress(error: unknown): boolean {
  return error instanceof ApiError && (error.body as { code?: string } | undefined)?.code === 'IDEMPOTENCY.IN_PROGRESS';
}

/**
 * Retries for at most `boundMs`; a request answered "still in progress" for `inProgressMs` in a row is
 * given up (no request takes that long: its first attempt died and left its key behind).
 */
export function makePatient(journey: Journey, stats: RetryStats, boundMs = 90_000, inProgressMs = 20_000): void {
  const original: Call = journey.call.bind(journey);
  const patient = async function <T>(...args: Parameters<Call>): Promise<T> {
    const deadline = Date.now() + boundMs;
    let inProgressSince: number | undefined;
    for (let attempt = 1; ; attempt++) {
      try {
        // The same arguments, so the same Idempotency-Key, on every attempt.
        return await original<T>(...args);
      } catch (error) {
        inProgressSince = isInProgress(error) ? (inProgressSince ?? Date.now()) : undefined;
        const stuck = inProgressSince !== undefined && Date.now() - inProgressSince > inProgressMs;
        if (!isRetriable(error) || Date.now() > deadline || stuck) {
          if (isRetriable(error)) stats.gaveUp.push({ request: `${args[2]} ${args[1]}${args[3]}`, error: (error as Error).message.slice(0, 500) });
          throw error;
        }
        stats.retried += 1;
        await new Promise((r) => setTimeout(r, Math.min(200 * attempt, 2000)));
      }
    }
  };
  (journey as unknown as { call: Call }).call = patient as Call;
}
