import {
  ProviderError,
  SendOutcomeUnknown,
  timeLeft,
  type OutgoingSms,
  type Reconciliation,
  type SendAccepted,
  type SendAttempt,
  type SendOptions,
  type SmsProvider,
} from './sms-provider.js';

export interface HttpProviderSettings {
  baseUrl: string;
  account: string;
  authToken: string;
  sender: string;
  /** Where the provider posts delivery status (our POST /providers/http/status). */
  statusCallbackUrl: string;
  /** How long to wait for an answer (default 15 s). */
  timeoutMs?: number;
  /**
   * The provider dedupes sends on Idempotency-Key (Twilio's Messages API does NOT): only then may a
   * send whose outcome is unknown be repeated with the same key.
   */
  idempotent?: boolean;
  /** How long after an attempt a message missing from the provider's list is taken as never received (default 5 min). */
  lookupGraceMs?: number;
}

/** Statuses in a Twilio-style status callback, mapped to ours (others are intermediate). */
export const HTTP_RECEIPT_STATUSES: Readonly<Record<string, 'delivered' | 'failed'>> = {
  delivered: 'delivered',
  undelivered: 'failed',
  failed: 'failed',
};

// Errors raised before a byte of the request left us: the provider cannot have the SMS.
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'ENETUNREACH', 'EHOSTUNREACH', 'ERR_INVALID_URL']);
// The provider's clock and ours differ a little: a message it dates this much before our attempt still counts.
const CLOCK_SKEW_MS = 5_000;
// A day's list of messages to one phone is short; stop rather than page for ever.
const MAX_LIST_PAGES = 5;

interface ListedMessage {
  sid?: unknown;
  body?: unknown;
  date_created?: unknown;
}

/** The network error's code (fetch wraps it in `cause`), if any. */
function errorCode(error: unknown): string | undefined {
  const cause = (error as { cause?: { code?: unknown } }).cause;
  return typeof cause?.code === 'string' ? cause.code : undefined;
}

/**
 * Twilio-style REST provider. Twilio's Messages API does not dedupe a repeated POST (its error 20500
 * page: retrying a send after a 500 may reach the customer twice), so a send is repeated only when
 * the provider certainly did not take it; an unknown outcome is settled by looking the message up
 * in the provider's list (reconcile). Our message id still travels as Idempotency-Key for providers
 * that honour it (SMS_HTTP_PROVIDER_IDEMPOTENT).
 */
export class HttpSmsProvider implements SmsProvider {
  readonly name = 'http';

  constructor(private readonly settings: HttpProviderSettings) {}

  async send(sms: OutgoingSms, options?: SendOptions): Promise<SendAccepted> {
    // Not sent past the deadline, and given up by it: a request still open then would race reconciliation.
    const timeoutMs = Math.min(this.timeoutMs(), timeLeft(options));
    const { sender, statusCallbackUrl } = this.settings;
    const body = new URLSearchParams({ To: sms.to, From: sender, Body: sms.text, StatusCallback: statusCallbackUrl });
    let response: Response;
    try {
      response = await fetch(this.messagesUrl(), {
        method: 'POST',
        headers: {
          authorization: this.authorization(),
          'content-type': 'application/x-www-form-urlencoded',
          'i-twilio-idempotency-token': sms.messageId,
          'idempotency-key': sms.messageId,
        },
        body,
        signal: AbortSignal.timeout(Math.ceil(timeoutMs)),
      });
    } catch (error) {
      const code = errorCode(error);
      if (code && NOT_SENT_CODES.has(code)) throw new ProviderError(`provider unreachable: ${code}`, true);
      const what = (error as Error).name === 'TimeoutError' ? `no answer within ${Math.ceil(timeoutMs)} ms` : `connection lost (${code ?? (error as Error).message})`;
      throw this.unknown(what);
    }
    const payload = (await response.json().catch(() => ({}))) as { sid?: unknown; message?: unknown; code?: unknown };
    if (response.status >= 500) throw this.unknown(`provider answered ${response.status} (code ${String(payload.code ?? '-')})`);
    if (!response.ok) {
      // 429 is "not now" (nothing taken); other 4xx are about this message.
      throw new ProviderError(`provider answered ${response.status} (code ${String(payload.code ?? '-')})`, response.status === 429);
    }
    if (typeof payload.sid !== 'string') throw this.unknown(`provider answered ${response.status} without a message sid`);
    return { providerMessageId: payload.sid };
  }

  /**
   * Looks the attempt up in the provider's list of messages to its phone sent since the attempt's
   * day, matching the text and a creation time not before the attempt.
   */
  async reconcile(attempt: SendAttempt): Promise<Reconciliation> {
    // The provider dedupes on our id: a resend of a message it has is dropped there.
    if (this.settings.idempotent) return { outcome: 'resend' };
    let listed: ListedMessage[];
    try {
      listed = await this.list(attempt.to, attempt.attemptedAt);
    } catch (error) {
      // The lookup URL holds the phone: a network or parse error's message may repeat it, so only
      // our own sentences, or the error's class and code, go to the history and the logs.
      const reason = error instanceof LookupRefused ? error.message : errorKind(error);
      return { outcome: 'retry', reason: `provider lookup failed: ${reason}`, lookupFailed: true };
    }
    const earliest = attempt.attemptedAt.getTime() - CLOCK_SKEW_MS;
    const found = listed.find((m) => {
      const created = typeof m.date_created === 'string' ? Date.parse(m.date_created) : NaN;
      return typeof m.sid === 'string' && m.body === attempt.text && created >= earliest;
    });
    if (found && typeof found.sid === 'string') return { outcome: 'sent', providerMessageId: found.sid };
    const graceEnds = new Date(attempt.attemptedAt.getTime() + (this.settings.lookupGraceMs ?? 300_000));
    // Not listed yet may be "not listed so soon": wait out the grace before trusting the absence.
    if (Date.now() < graceEnds.getTime()) return { outcome: 'retry', reason: 'not in the provider list yet', notBefore: graceEnds, lookupFailed: false };
    // Residual risk: the SMS reaches the family twice if the provider took the POST but its list still
    // does not show it after the grace: a message queued at Twilio longer than the grace has no
    // DateSent yet and is missing from a DateSent-filtered list; an outage of the list that answers
    // 200 with nothing; the family's phone changed since the attempt (we look up the new number);
    // or the provider altered the body (we match on the exact text).
    return { outcome: 'resend' };
  }

  private async list(to: string, since: Date): Promise<ListedMessage[]> {
    const day = since.toISOString().slice(0, 10);
    // Twilio spells the filter DateSent>=YYYY-MM-DD (day granularity, UTC).
    let next: string | undefined = `${this.messagesUrl()}?To=${encodeURIComponent(to)}&DateSent>=${day}`;
    const messages: ListedMessage[] = [];
    // One timeout for all pages: a lookup ends well within the dispatcher's lease on it.
    const signal = AbortSignal.timeout(this.timeoutMs());
    for (let page = 0; next && page < MAX_LIST_PAGES; page += 1) {
      const response = await fetch(next, { headers: { authorization: this.authorization() }, signal });
      if (!response.ok) throw new LookupRefused(`provider answered ${response.status}`);
      const payload = (await response.json()) as { messages?: unknown; next_page_uri?: unknown };
      if (!Array.isArray(payload.messages)) throw new LookupRefused('provider list without messages');
      messages.push(...(payload.messages as ListedMessage[]));
      next = typeof payload.next_page_uri === 'string' && payload.next_page_uri ? new URL(payload.next_page_uri, this.settings.baseUrl).toString() : undefined;
    }
    return messages;
  }

  private unknown(what: string): Error {
    // A provider that dedupes on our key: the same send again is safe.
    if (this.settings.idempotent) return new ProviderError(`${what}; resent with the same idempotency key`, true);
    return new SendOutcomeUnknown(`outcome unknown: ${what}`);
  }

  private messagesUrl(): string {
    return `${this.settings.baseUrl.replace(/\/$/, '')}/Accounts/${encodeURIComponent(this.settings.account)}/Messages.json`;
  }

  private authorization(): string {
    return `Basic ${Buffer.from(`${this.settings.account}:${this.settings.authToken}`).toString('base64')}`;
  }

  private timeoutMs(): number {
    return this.settings.timeoutMs ?? 15_000;
  }
}

/** The provider's list answered, but not with a usable list: a sentence of ours, safe to record. */
class LookupRefused extends Error {}

/** An error's class and code, never its message (which may quote a URL holding a phone). */
function errorKind(error: unknown): string {
  const e = error as { name?: unknown; code?: unknown; cause?: { code?: unknown } } | null;
  const code = e?.code ?? e?.cause?.code;
  return `${typeof e?.name === 'string' ? e.name : 'error'}${typeof code === 'string' ? ` ${code}` : ''}`;
}
