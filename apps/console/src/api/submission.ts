// An Idempotency-Key per submission of a form: made on the first attempt and sent again on every
// retry of the same submission (a double click, a retry after a lost answer), so the service does
// the work once. A new key only after success or when the person starts a new form.

/** A random v4 UUID; crypto.randomUUID needs a secure context, a camp's LAN address may not be one. */
export function randomKey(random: (bytes: Uint8Array<ArrayBuffer>) => Uint8Array<ArrayBuffer> = (b) => crypto.getRandomValues(b)): string {
  const bytes = random(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export class SubmissionKey {
  private pending: string | null = null;

  constructor(private readonly make: () => string = randomKey) {}

  /** The key of the submission in progress (the same until done()). */
  key(): string {
    this.pending ??= this.make();
    return this.pending;
  }

  /** The submission succeeded: the next one is a new piece of work. */
  done(): void {
    this.pending = null;
  }
}
