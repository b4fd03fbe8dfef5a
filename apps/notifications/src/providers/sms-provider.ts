import type { SmsEncoding } from '@awda/sms-text';

/** One SMS handed to a provider. `messageId` is our id and the provider's idempotency reference. */
export interface OutgoingSms {
  messageId: string;
  /** E.164, decrypted just for this call; never logged. */
  to: string;
  text: string;
  encoding: SmsEncoding;
  segments: number;
}

export interface SendAccepted {
  providerMessageId: string;
}

/** A provider refusal: retryable (throttled, unavailable) or not (bad number, rejected). */
export class ProviderError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'ProviderError';
  }
}

/** A delivery receipt, matched to a message by the provider's id. */
export interface DeliveryReceipt {
  provider: string;
  providerMessageId: string;
  status: 'delivered' | 'failed';
  detail?: string;
}

/** An SMS from a family (STOP, START, anything else). */
export interface InboundSms {
  provider: string;
  providerMessageId: string;
  from: string;
  text: string;
}

/** Where providers report what comes back to us; wired by the provider lifecycle. */
export interface ProviderListener {
  onReceipt(receipt: DeliveryReceipt): Promise<void>;
  onInbound(sms: InboundSms): Promise<void>;
}

/**
 * The provider may have taken the SMS but we cannot tell (timeout after the request went out, reset
 * connection, 5xx, 2xx without an id). Never resent blindly: the message stays `sending` and
 * reconciliation asks the provider.
 */
export class SendOutcomeUnknown extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SendOutcomeUnknown';
  }
}

/** What the dispatcher knows of an attempt it cannot confirm, for the provider to look it up. */
export interface SendAttempt {
  messageId: string;
  /** E.164, decrypted just for this call; never logged. */
  to: string;
  text: string;
  /** When the attempt was claimed (database clock): the provider cannot have it from before. */
  attemptedAt: Date;
}

/**
 * What to do with a message found `sending` after its lease (a crash, or a send whose outcome is
 * unknown): the provider has it (sent), it does not (resend), nobody can tell (unknown: failed,
 * never resent), or ask again later (retry: the lookup failed or is too early to trust).
 */
export type Reconciliation =
  | { outcome: 'sent'; providerMessageId: string }
  | { outcome: 'resend' }
  | { outcome: 'unknown' }
  | { outcome: 'retry'; reason: string; notBefore?: Date; lookupFailed: boolean };

export interface SmsProvider {
  readonly name: string;
  /** Resolves when accepted; throws ProviderError (not accepted) or SendOutcomeUnknown. */
  send(sms: OutgoingSms): Promise<SendAccepted>;
  reconcile(attempt: SendAttempt): Promise<Reconciliation>;
  start?(listener: ProviderListener): Promise<void>;
  stop?(): Promise<void>;
}

export const SMS_PROVIDER = Symbol('SMS_PROVIDER');

/** Shows a phone as +963******123 for people reading the dev outbox. */
export function maskPhone(e164: string): string {
  return e164.length <= 7 ? '***' : `${e164.slice(0, 4)}${'*'.repeat(e164.length - 7)}${e164.slice(-3)}`;
}
