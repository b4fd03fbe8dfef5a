// Pure helpers of the data-protection screens: the audit review's query from the filters on screen,
// and saving a download without putting the household's record in an address or in storage.

export interface AuditFilters {
  /** The user (token subject) whose reads are wanted; '' for everyone. */
  actor: string;
  /** '' for every camp of the user. */
  campId: string;
  /** "YYYY-MM-DD" (the person's own day) or ''. */
  from: string;
  /** "YYYY-MM-DD", inclusive, or ''. */
  to: string;
}

export interface AuditQueryParams {
  actor?: string;
  campId?: string;
  from?: string;
  to?: string;
  before?: string;
  limit: number;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The start of a local calendar day as an instant (ISO 8601), or undefined when `day` is not a date. */
export function localDayStart(day: string): string | undefined {
  if (!ISO_DATE.test(day)) return undefined;
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const start = new Date(y, m - 1, d);
  if (start.getFullYear() !== y || start.getMonth() !== m - 1 || start.getDate() !== d) return undefined;
  return start.toISOString();
}

/** The day after `day` ("YYYY-MM-DD"), so that a date range on screen includes its last day. */
export function nextDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const next = new Date(y, m - 1, d + 1);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${next.getFullYear()}-${pad(next.getMonth() + 1)}-${pad(next.getDate())}`;
}

/** GET /audit's query for the filters on screen: empty filters left out, the last day included. */
export function auditQuery(filters: AuditFilters, before?: string, limit = 50): AuditQueryParams {
  const query: AuditQueryParams = { limit };
  const actor = filters.actor.trim();
  if (actor !== '') query.actor = actor;
  if (filters.campId !== '') query.campId = filters.campId;
  const from = localDayStart(filters.from);
  if (from !== undefined) query.from = from;
  const to = ISO_DATE.test(filters.to) ? localDayStart(nextDay(filters.to)) : undefined;
  if (to !== undefined) query.to = to;
  if (before !== undefined) query.before = before;
  return query;
}

const USER_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The user ids among audit actors, once each and sorted (stable query keys), in batches of at most
 * `size` (what the gateway names in one request); anything that is not a user id is left out.
 */
export function actorIdBatches(actors: readonly string[], size = 100): string[][] {
  const ids = [...new Set(actors.filter((actor) => USER_ID.test(actor)))].sort();
  const batches: string[][] = [];
  for (let i = 0; i < ids.length; i += size) batches.push(ids.slice(i, i + size));
  return batches;
}

/** The file name of a household's export: its id only (a case number or a name has no place there). */
export function exportFileName(householdId: string, format: 'json' | 'text'): string {
  return `household-${householdId}.${format === 'json' ? 'json' : 'txt'}`;
}

export interface BlobSaver {
  createObjectURL(blob: Blob): string;
  revokeObjectURL(url: string): void;
  /** Follows a link to the object URL with the download attribute. */
  click(url: string, fileName: string): void;
}

/**
 * Saves a blob as a file through a short-lived object URL, revoked right after the click: the
 * record never goes into an address the browser keeps (history) or into its storage.
 */
export function saveBlob(blob: Blob, fileName: string, saver: BlobSaver): void {
  const url = saver.createObjectURL(blob);
  try {
    saver.click(url, fileName);
  } finally {
    saver.revokeObjectURL(url);
  }
}

/** The browser's saver: an anchor with `download`, clicked and removed. */
export function browserSaver(doc: Document = document): BlobSaver {
  return {
    createObjectURL: (blob) => URL.createObjectURL(blob),
    revokeObjectURL: (url) => URL.revokeObjectURL(url),
    click: (url, fileName) => {
      const link = doc.createElement('a');
      link.href = url;
      link.download = fileName;
      link.rel = 'noopener';
      link.style.display = 'none';
      doc.body.appendChild(link);
      link.click();
      link.remove();
    },
  };
}

/** The reason an administrator gives for an erasure, as the service checks it (5 to 500 characters). */
export function erasureReasonProblem(reason: string): 'required' | 'tooShort' | 'tooLong' | null {
  const trimmed = reason.trim();
  if (trimmed === '') return 'required';
  if (trimmed.length < 5) return 'tooShort';
  if (trimmed.length > 500) return 'tooLong';
  return null;
}

/** A value set inside a sentence in its own direction (first strong isolate): "P19-7783-1" stays whole in Arabic. */
export function isolate(value: string): string {
  return `\u2068${value}\u2069`;
}
