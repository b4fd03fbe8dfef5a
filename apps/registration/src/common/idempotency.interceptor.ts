import { createHash } from 'node:crypto';
import {
  Injectable,
  SetMetadata,
  applyDecorators,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { Inject } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants.js';
import { Reflector } from '@nestjs/core';
import { ApiHeader } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { from, lastValueFrom, of, type Observable } from 'rxjs';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainError, SERVICE_CONFIG } from '@awda/bootstrap';
import { FieldCipher, type AuthUser } from '@awda/auth';
import type { RegistrationConfig } from '../config.js';
import { IdempotencyKeysRepository, storeIdempotentAnswerSql } from './idempotency-keys.repository.js';

// The SQL fragment lives with the table's other queries; re-exported for the services that store answers.
export { storeIdempotentAnswerSql };

const REQUIRED = 'registration:idempotency-required';
/** A POST that must carry an Idempotency-Key (creating a household twice would split a family's case). */
export const IdempotencyKeyRequired = (): MethodDecorator => SetMetadata(REQUIRED, true);

const IN_TRANSACTION = 'registration:idempotency-in-transaction';
/**
 * The handler claims the key and stores its answer inside its own transaction (see IdempotencyClaim):
 * one commit instead of three, and a concurrent retry waits for the first to commit, then replays it.
 * Documents the Idempotency-Key header of the operation; `required` also makes the key mandatory.
 */
export const IdempotencyInTransaction = (options: { required?: boolean } = {}): MethodDecorator =>
  applyDecorators(
    SetMetadata(IN_TRANSACTION, true),
    ...(options.required ? [SetMetadata(REQUIRED, true)] : []),
    ApiHeader({
      name: 'Idempotency-Key',
      required: options.required ?? false,
      description:
        '8–128 letters, digits or _.:- . A new random key per form, the same key when retrying: a retry gets the first answer ' +
        '(Idempotent-Replayed: true) instead of doing the change twice; the same key with another body is refused (422). ' +
        'Keys are kept IDEMPOTENCY_KEY_TTL_HOURS (7 days by default); after that a retry runs as a new request.',
      schema: { type: 'string', minLength: 8, maxLength: 128, pattern: '^[A-Za-z0-9_.:-]{8,128}$' },
    }),
  );

/** What a handler marked IdempotencyInTransaction finds on the request (none without a key). */
export interface IdempotencyClaim {
  actor: string;
  key: string;
  /** Method and URL with its query, e.g. `POST /imports?campId=x&format=csv`. */
  target: string;
  /** Compared by a retry with the same key; an upload replaces it once its body is read (hashUploadedBody). */
  requestHash: string;
  statusCode: number;
  /** How long the key lives: an older claim of the same key is taken over as if it were new. */
  ttlHours: number;
  /** The answer as stored: encrypted with the field cipher, bound to this actor and key. */
  seal(answer: unknown): string;
}

/** Thrown by claimIdempotencyKey when the key was already used: the interceptor answers with the stored reply. */
export class IdempotencyKeyTaken extends Error {
  constructor() {
    super('idempotency key already used');
  }
}

export function idempotencyClaimOf(request: Request): IdempotencyClaim | undefined {
  return (request as Request & { idempotencyClaim?: IdempotencyClaim }).idempotencyClaim;
}

/**
 * For a handler whose body is a stream (an upload), which the request hash cannot see: covers the
 * body by its sha256 instead, once it has been read and before the key is claimed. A retry with the
 * same key and the same bytes replays; with other bytes it is refused.
 */
export function hashUploadedBody(claim: IdempotencyClaim, bodySha256: string): void {
  claim.requestHash = hashOf(claim.target, `sha256:${bodySha256}`);
}

/**
 * In the handler's transaction, before any change: claims the key, or throws IdempotencyKeyTaken.
 * A concurrent request with the same key blocks on the key's unique index until this transaction
 * ends: it then replays this answer (commit) or runs itself (rollback).
 */
// Stateless: the free function below serves services that have no repository injected.
const KEYS = new IdempotencyKeysRepository();

export async function claimIdempotencyKey(manager: EntityManager, claim: IdempotencyClaim): Promise<void> {
  if (!(await KEYS.claim(manager, claim))) throw new IdempotencyKeyTaken();
}

export function storeIdempotentAnswerParams(claim: IdempotencyClaim, answer: unknown): unknown[] {
  return [claim.actor, claim.key, claim.statusCode, claim.seal(answer), answeredHousehold(claim.target, answer)];
}

const UUID_IN_PATH = /\/households\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/i;

/** The household a stored answer is about (its erasure deletes the answer): the one in the path, or the one registered. */
export function answeredHousehold(target: string, answer: unknown): string | null {
  const inPath = UUID_IN_PATH.exec(target)?.[1];
  if (inPath !== undefined) return inPath;
  const id = typeof answer === 'object' && answer !== null ? (answer as { id?: unknown }).id : undefined;
  return /^POST \/households\/?(\?|$)/.test(target) && typeof id === 'string' ? id : null;
}

/** Associated data of a stored answer: it decrypts only as the answer of this actor's key. */
export function idempotentAnswerBinding(actor: string, key: string): string {
  return `idempotency:${actor}:${key}`;
}

const KEY_PATTERN = /^[A-Za-z0-9_.:-]{8,128}$/;

/**
 * Idempotency-Key on POST: the first request with a key runs and its answer is kept; a retry with the
 * same key and body gets the same answer without running again; the same key with another body is
 * refused. Keys are per user.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly dataSource: DataSource,
    private readonly keys: IdempotencyKeysRepository,
    private readonly reflector: Reflector,
    private readonly cipher: FieldCipher,
    @Inject(SERVICE_CONFIG) private readonly config: RegistrationConfig,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request & { user?: AuthUser }>();
    if (request.method !== 'POST') return next.handle();
    const key = request.header('idempotency-key');
    if (key === undefined) {
      if (this.reflector.get<boolean>(REQUIRED, context.getHandler())) {
        throw new DomainError(
          'VALIDATION_FAILED',
          'Idempotency-Key header is required: send a new random key per form, and the same key when retrying',
          400,
          { field: 'Idempotency-Key' },
        );
      }
      return next.handle();
    }
    if (!KEY_PATTERN.test(key)) {
      throw new DomainError('VALIDATION_FAILED', 'Idempotency-Key must be 8–128 letters, digits or _.:-', 400, {
        field: 'Idempotency-Key',
      });
    }
    const status = (Reflect.getMetadata(HTTP_CODE_METADATA, context.getHandler()) as number | undefined) ?? 201;
    if (!this.reflector.get<boolean>(IN_TRANSACTION, context.getHandler())) {
      // Every POST claims its key in its own transaction; one that does not would silently lose idempotency.
      throw new Error(`${context.getClass().name}.${context.getHandler().name} takes an Idempotency-Key but is not marked IdempotencyInTransaction`);
    }
    return from(this.runInTransaction(context, request, key, status, next));
  }

  private async runInTransaction(
    context: ExecutionContext,
    request: Request & { user?: AuthUser },
    key: string,
    status: number,
    next: CallHandler,
  ): Promise<unknown> {
    const target = targetOf(request);
    const actor = request.user?.sub ?? 'anonymous';
    const claim: IdempotencyClaim = {
      actor,
      key,
      target,
      requestHash: requestHash(request),
      statusCode: status,
      ttlHours: this.config.IDEMPOTENCY_KEY_TTL_HOURS,
      seal: (answer) => this.cipher.encrypt(JSON.stringify(answer ?? null), idempotentAnswerBinding(actor, key)),
    };
    (request as Request & { idempotencyClaim?: IdempotencyClaim }).idempotencyClaim = claim;
    try {
      return await lastValueFrom(next.handle(), { defaultValue: undefined });
    } catch (error) {
      // Read after the handler: an upload has by then replaced the hash with its body's (hashUploadedBody).
      if (error instanceof IdempotencyKeyTaken) return this.replay(context, claim.actor, key, claim.requestHash);
      throw error;
    }
  }

  private async replay(context: ExecutionContext, actor: string, key: string, hash: string): Promise<unknown> {
    const stored = await this.keys.find(this.dataSource, actor, key);
    if (stored === undefined) throw new DomainError('IDEMPOTENCY.RETRY', 'Please retry the request', 409);
    if (stored.request_hash !== hash) {
      throw new DomainError(
        'IDEMPOTENCY.KEY_REUSED',
        'This Idempotency-Key was already used for a different request; use a new key for a new form',
        422,
        { field: 'Idempotency-Key' },
      );
    }
    if (stored.status_code === null) {
      // Claims commit with their answer, so only a claim left by the earlier claim-then-answer path
      // (before an upgrade) has none: it is released after a lease so the key is not stuck for ever.
      if (await this.keys.releaseUnanswered(this.dataSource, actor, key)) {
        throw new DomainError('IDEMPOTENCY.RETRY', 'The earlier attempt did not finish; send the request again', 409);
      }
      throw new DomainError('IDEMPOTENCY.IN_PROGRESS', 'The same request is still being processed; retry in a moment', 409);
    }
    const response = context.switchToHttp().getResponse<Response>();
    response.setHeader('Idempotent-Replayed', 'true');
    const answer: unknown =
      stored.response_encrypted !== null
        ? JSON.parse(this.cipher.decrypt(stored.response_encrypted, idempotentAnswerBinding(actor, key)))
        : stored.response;
    return lastValueFrom(of(answer));
  }
}

function targetOf(request: Request): string {
  return `${request.method} ${request.originalUrl}`;
}

function requestHash(request: Request): string {
  return hashOf(targetOf(request), JSON.stringify(request.body ?? null));
}

function hashOf(target: string, body: string): string {
  return createHash('sha256').update(`${target}\n${body}`).digest('hex');
}
