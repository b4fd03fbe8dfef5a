// Idempotency-Key on the boarding taps. A boarding tablet sends each queued check-in or no-show with
// the key made at the tap, again and again until an answer arrives; the first request with a key
// runs, its answer is kept (in the same transaction as the change), and a retry gets that answer back
// without running again. A refusal (409/422) rolls the claim back with the change, so a retry is
// judged again. Keys are per user; the same key with another request is refused.
import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { DomainError } from '@awda/bootstrap';
import type { AuthUser } from '@awda/auth';
import type { BoardingRepository } from './boarding.repository.js';

const KEY_PATTERN = /^[A-Za-z0-9_.:-]{8,128}$/;
/** How long a key is remembered; older ones are pruned when a convoy departs. */
export const BOARDING_KEY_TTL_DAYS = 7;

export const IDEMPOTENCY_HEADER_DOC = {
  name: 'Idempotency-Key',
  required: false,
  description:
    '8–128 letters, digits or _.:- . A new random key per tap, the same key when sending it again: a retry gets the first answer ' +
    '(Idempotent-Replayed: true) instead of recording twice; the same key with another request is refused (422 IDEMPOTENCY.KEY_REUSED).',
  schema: { type: 'string', minLength: 8, maxLength: 128, pattern: '^[A-Za-z0-9_.:-]{8,128}$' },
} as const;

export interface BoardingRequest {
  actor: string;
  key: string;
  requestHash: string;
}

/** The request's key, checked (400 when malformed); undefined without a key. */
export function boardingRequest(user: AuthUser, key: string | undefined, target: string, body: unknown): BoardingRequest | undefined {
  if (key === undefined) return undefined;
  if (!KEY_PATTERN.test(key)) {
    throw new DomainError('VALIDATION_FAILED', 'Idempotency-Key must be 8–128 letters, digits or _.:-', 400, { field: 'Idempotency-Key' });
  }
  const requestHash = createHash('sha256').update(`${target}\n${JSON.stringify(body ?? null)}`).digest('hex');
  return { actor: user.sub, key, requestHash };
}

/**
 * First statement of the tap's transaction: claims the key, or gives the answer stored by the
 * request that claimed it (a concurrent one waits here until that request's transaction ends).
 */
export async function claimBoardingRequest(boarding: BoardingRepository, manager: EntityManager, request: BoardingRequest): Promise<{ answer: unknown } | undefined> {
  if (await boarding.insertBoardingRequest(manager, request.actor, request.key, request.requestHash)) return undefined;
  const stored = await boarding.findBoardingRequest(manager, request.actor, request.key);
  if (!stored) throw new DomainError('IDEMPOTENCY.RETRY', 'Please send the request again', 409);
  if (stored.requestHash !== request.requestHash) {
    throw new DomainError('IDEMPOTENCY.KEY_REUSED', 'This Idempotency-Key was already used for a different request; use a new key for a new tap', 422, {
      field: 'Idempotency-Key',
    });
  }
  return { answer: stored.response };
}

export async function storeBoardingAnswer(boarding: BoardingRepository, manager: EntityManager, request: BoardingRequest, answer: unknown): Promise<void> {
  await boarding.storeBoardingResponse(manager, request.actor, request.key, answer);
}

export async function pruneBoardingRequests(boarding: BoardingRepository, manager: EntityManager): Promise<void> {
  await boarding.pruneBoardingRequestsOlderThan(manager, BOARDING_KEY_TTL_DAYS);
}
