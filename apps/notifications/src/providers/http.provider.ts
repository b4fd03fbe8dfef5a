import { ProviderError, type OutgoingSms, type Reconciliation, type SendAccepted, type SmsProvider } from './sms-provider.js';

export interface HttpProviderSettings {
  baseUrl: string;
  account: string;
  authToken: string;
  sender: string;
  /** Where the provider posts delivery status (our POST /providers/http/status). */
  statusCallbackUrl: string;
  /** How long to wait for an answer (default 15 s). */
  timeoutMs?: number;
}

/** Statuses in a Twilio-style status callback, mapped to ours (others are intermediate). */
export const HTTP_RECEIPT_STATUSES: Readonly<Record<string, 'delivered' | 'failed'>> = {
  delivered: 'delivered',
  undelivered: 'failed',
  failed: 'failed',
};

/**
 * Twilio-style REST provider. Our message id travels as the idempotency token, so a resend after
 * a crash (same id) is dropped by a provider that honours it.
 */
export class HttpSmsProvider implements SmsProvider {
  readonly name = 'http';

  constructor(private readonly settings: HttpProviderSettings) {}

  async send(sms: OutgoingSms): Promise<SendAccepted> {
    const { baseUrl, account, authToken, sender, statusCallbackUrl } = this.settings;
    const body = new URLSearchParams({ To: sms.to, From: sender, Body: sms.text, StatusCallback: statusCallbackUrl });
    let response: Response;
    try {
      response = await fetch(`${baseUrl.replace(/\/$/, '')}/Accounts/${encodeURIComponent(account)}/Messages.json`, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${account}:${authToken}`).toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
          'i-twilio-idempotency-token': sms.messageId,
          'idempotency-key': sms.messageId,
        },
        body,
        signal: AbortSignal.timeout(this.settings.timeoutMs ?? 15_000),
      });
    } catch (error) {
      throw new ProviderError(`provider unreachable: ${(error as Error).message}`, true);
    }
    const payload = (await response.json().catch(() => ({}))) as { sid?: unknown; message?: unknown; code?: unknown };
    if (!response.ok) {
      // 429 and 5xx are the provider's trouble: retry. Other 4xx are about this message.
      const retryable = response.status === 429 || response.status >= 500;
      throw new ProviderError(`provider answered ${response.status} (code ${String(payload.code ?? '-')})`, retryable);
    }
    if (typeof payload.sid !== 'string') throw new ProviderError('provider answered without a message sid', true);
    return { providerMessageId: payload.sid };
  }

  // The provider dedupes on our message id, so resending is safe within its idempotency window.
  async reconcile(): Promise<Reconciliation> {
    return { outcome: 'resend' };
  }
}
