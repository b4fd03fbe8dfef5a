import type { SmsStatus } from '@awda/contracts';

/** The contract's statuses plus `sending`: claimed by a dispatcher, handed to the provider. */
export type MessageStatus = SmsStatus | 'sending';

export const TERMINAL_STATUSES: readonly MessageStatus[] = ['delivered', 'failed', 'suppressed', 'expired', 'cancelled'];

// Forward-only: a message moves down this table and never back, except a retry (sending → queued).
const NEXT: Readonly<Record<MessageStatus, readonly MessageStatus[]>> = {
  queued: ['sending', 'suppressed', 'expired', 'cancelled', 'failed'],
  sending: ['queued', 'sent', 'delivered', 'failed'],
  // A receipt may say delivered or undeliverable after the provider accepted.
  sent: ['delivered', 'failed'],
  delivered: [],
  failed: [],
  suppressed: [],
  expired: [],
  cancelled: [],
};

/** Whether a message in `from` may move to `to`; a late or repeated receipt answers false. */
export function canTransition(from: MessageStatus, to: MessageStatus): boolean {
  return NEXT[from].includes(to);
}

/** Statuses a `to` transition may start from, for a guarded UPDATE … WHERE status = ANY(...). */
export function statusesBefore(to: MessageStatus): MessageStatus[] {
  return (Object.keys(NEXT) as MessageStatus[]).filter((from) => canTransition(from, to));
}

/** Whether a change is announced as SMS_STATUS_CHANGED_V1 (sending and retries are internal). */
export function isPublished(status: MessageStatus): status is SmsStatus {
  return status !== 'sending';
}

/** A final status in which the message did not reach the family: it carries an outcome reason. */
export function isFinalMiss(status: MessageStatus): boolean {
  return status === 'failed' || status === 'suppressed' || status === 'expired' || status === 'cancelled';
}
