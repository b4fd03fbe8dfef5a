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

/**
 * The SMS was certainly not handed to the provider: the hand-off's deadline passed before it could
 * be made. The dispatcher gives the slot back and requeues the message; no attempt is counted.
 */
export class NotHandedOff extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotHandedOff';
  }
}

/** Limits on one send. */
export interface SendOptions {
  /**
   * Local epoch ms after which the provider must not take the SMS: past it, the message's lease may
   * run out and reconciliation may find it not sent and resend it. A provider checks it right before
   * the hand-off (after any wait for a connection) and bounds its request by it; if too late, it
   * throws NotHandedOff.
   */
  deadline: number;
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
  /** Resolves when accepted; throws ProviderError (not accepted), NotHandedOff or SendOutcomeUnknown. */
  send(sms: OutgoingSms, options?: SendOptions): Promise<SendAccepted>;
  reconcile(attempt: SendAttempt): Promise<Reconciliation>;
  start?(listener: ProviderListener): Promise<void>;
  stop?(): Promise<void>;
}

export const SMS_PROVIDER = Symbol('SMS_PROVIDER');

/** Milliseconds left before `options.deadline` (Infinity without one); NotHandedOff when none are left. */
export function timeLeft(options: SendOptions | undefined): number {
  if (!options) return Infinity;
  const left = options.deadline - Date.now();
  if (left <= 0) throw new NotHandedOff(`hand-off deadline passed ${-left} ms ago; not handed off`);
  return left;
}

/** Shows a phone as +963******123 for people reading the dev outbox. */
export function maskPhone(e164: string): string {
  return e164.length <= 7 ? '***' : `${e164.slice(0, 4)}${'*'.repeat(e164.length - 7)}${e164.slice(-3)}`;
}
