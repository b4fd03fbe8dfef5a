// Reads started by the entry, before the page's code has arrived. On a 400 ms link a page that
// fetches its data only once its chunks are loaded and rendered pays a round trip per step
// (household, then its assessment); started at boot, next to the session check, the answers are
// there when the page first renders. Plain fetch (the page's query takes the answer once); any
// answer, an error included, is handed over as it came. Nothing is stored beyond this page load.
// The gateway lists the same URLs as preloads in the HTML (route-preloads.ts), so the browser has
// usually started them before this code runs and hands over its answers.
import { apiErrorOf } from '../api/errors';
import { routePreloadFor } from './route-preloads';

/** How long an unclaimed early answer stays usable (then the page reads again). */
const FRESH_MS = 30_000;

interface Early {
  started: number;
  answer: Promise<{ ok: true; body: unknown } | { ok: false; error: Error }>;
  /** A successful answer once it has come, and when. */
  came?: { body: unknown; at: number };
}

const reads = new Map<string, Early>();

function start(url: string): void {
  const answer = fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
    .then(async (response) => {
      const text = await response.text();
      let body: unknown = undefined;
      try {
        body = text ? (JSON.parse(text) as unknown) : undefined;
      } catch {
        body = text;
      }
      return response.ok ? { ok: true as const, body } : { ok: false as const, error: apiErrorOf(response.status, body) as Error };
    })
    .catch((error: unknown) => ({ ok: false as const, error: error as Error }));
  const early: Early = { started: Date.now(), answer };
  void answer.then((result) => {
    if (result.ok) early.came = { body: result.body, at: Date.now() };
  });
  reads.set(url, early);
}

/** The reads a page opened at `pathname` needs for its first paint (the session check has its own). */
export function earlyReadsFor(pathname: string): string[] {
  const found = routePreloadFor(pathname);
  if (!found) return [];
  return found.route.reads.filter((url) => url !== '/auth/session').map((url) => (found.id ? url.replace(':id', found.id) : url)).filter((url) => !url.includes(':'));
}

export function startEarlyReads(pathname: string): void {
  for (const url of earlyReadsFor(pathname)) start(url);
}

/**
 * The early answer for `url`, once (a second call reads again). A 401 or a network failure is not
 * handed over (the page's own call reports them to the session layer as usual).
 */
export async function takeEarlyRead<T>(url: string): Promise<{ body: T } | null> {
  const early = reads.get(url);
  if (!early) return null;
  reads.delete(url);
  if (Date.now() - early.started > FRESH_MS) return null;
  const answer = await early.answer;
  if (answer.ok) return { body: answer.body as T };
  const status = (answer.error as { status?: number }).status;
  if (status === undefined || status === 0 || status === 401) return null;
  throw answer.error;
}

/**
 * The early answer for `url` if it has already come, taken once (as takeEarlyRead): the page's query
 * starts with it (TanStack's initialData) and the page renders complete at once, instead of a
 * loading state first and the data a turn later. Undefined if it has not come (or failed): the
 * query then waits for it through takeEarlyRead as before.
 */
export function earlyAnswerNow<T>(url: string): { body: T; at: number } | undefined {
  const early = reads.get(url);
  if (!early?.came || Date.now() - early.started > FRESH_MS) return undefined;
  reads.delete(url);
  return early.came as { body: T; at: number };
}

/** For tests: forget every early read. */
export function clearEarlyReads(): void {
  reads.clear();
}
