import {
  BadRequestException,
  Catch,
  type ArgumentMetadata,
  HttpException,
  HttpStatus,
  Logger,
  ValidationPipe,
  type ArgumentsHost,
  type ExceptionFilter,
  type ValidationError,
} from '@nestjs/common';
import type { Response } from 'express';
import { describeError, isDatabaseError } from '@awda/observability';
import { DomainError } from './domain-error.js';
import { campIdProblems, mergeByField, numberProblems, stringProblems } from './input/input-rules.js';

export interface FieldError {
  field: string;
  messages: string[];
}

function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const error of errors) {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const messages = Object.values(error.constraints ?? {});
    if (messages.length) out.push({ field, messages });
    if (error.children?.length) out.push(...flatten(error.children, field));
  }
  return out;
}

function validationFailed(errors: FieldError[]): BadRequestException {
  return new BadRequestException({ statusCode: 400, code: 'VALIDATION_FAILED', message: 'Some fields are missing or not valid', errors: mergeByField(errors) });
}

/**
 * class-validator's pipe plus the rules every service shares for what reaches a handler: a named path
 * or query value (`:version`, `?campId=`) without NUL characters or impossible dates, a camp id that
 * looks like one, and no number beyond what a database integer holds (`page=1e20` is 400, not a 500
 * from PostgreSQL). Body and query strings were checked by InputRulesMiddleware already.
 */
export class StrictValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const named = metadata.data;
    if ((metadata.type === 'param' || metadata.type === 'query') && named !== undefined) {
      const errors: FieldError[] = [];
      if (typeof value === 'string') {
        const messages = stringProblems(value).map((m) => `${named} ${m}`);
        if (messages.length > 0) errors.push({ field: named, messages });
      }
      if (named === 'campId') errors.push(...campIdProblems(named, value));
      if (errors.length > 0) throw validationFailed(errors);
    }
    if (metadata.type === 'body' && value !== null && typeof value === 'object' && 'campId' in value) {
      const errors = campIdProblems('campId', Reflect.get(value, 'campId'));
      if (errors.length > 0) throw validationFailed(errors);
    }
    const result: unknown = await super.transform(value, metadata);
    if (metadata.type !== 'custom') {
      const errors = numberProblems(result, named ?? '');
      if (errors.length > 0) throw validationFailed(errors);
    }
    return result;
  }
}

/** 400 with each field's message; unknown fields are refused, never silently dropped. */
export function strictValidationPipe(): ValidationPipe {
  return new StrictValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => validationFailed(flatten(errors)),
  });
}

/**
 * One error body for every HTTP error: { statusCode, code, message, errors? }. Unexpected errors
 * are logged by their class and message only (no request data) and answered with a plain 500.
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const response = host.switchToHttp().getResponse<Response>();
    if (isDomainError(exception)) {
      response.status(exception.status).json({
        statusCode: exception.status,
        code: exception.code,
        message: exception.message,
        ...(exception.details ? { details: exception.details } : {}),
      });
      return;
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      if (typeof body === 'object' && body !== null && 'code' in body) {
        response.status(status).json(body);
        return;
      }
      const message = typeof body === 'string' ? body : ((body as { message?: unknown }).message ?? exception.message);
      response.status(status).json({ statusCode: status, code: httpCode(status), message });
      return;
    }
    const error = exception as Error;
    if (isPoolExhausted(error)) {
      // Every database connection is busy: a moment of overload, not a fault. Nothing was done.
      this.logger.warn({ msg: 'database pool exhausted; request refused', reason: error.message });
      response
        .status(HttpStatus.SERVICE_UNAVAILABLE)
        .setHeader('Retry-After', '1')
        .json({ statusCode: 503, code: 'SERVICE_BUSY', message: 'The service is busy and did not complete the request; try again in a moment (a retry with the same Idempotency-Key is safe)' });
      return;
    }
    // A database error's message and stack quote the values it failed on: only its safe description.
    if (isDatabaseError(error)) this.logger.error(`unexpected ${describeError(error)}`);
    else this.logger.error(`unexpected ${describeError(error)}`, error?.stack);
    response
      .status(HttpStatus.INTERNAL_SERVER_ERROR)
      .json({ statusCode: 500, code: 'INTERNAL_ERROR', message: 'Something went wrong; the request was not completed' });
  }
}

/** pg-pool's refusal when no connection frees up within connectionTimeoutMillis. */
function isPoolExhausted(error: Error | undefined): boolean {
  return typeof error?.message === 'string' && error.message.includes('timeout exceeded when trying to connect');
}

/**
 * instanceof alone is not enough: under Jest's ESM loader a class can be loaded twice (once per
 * module graph), so the shape is checked as well.
 */
function isDomainError(exception: unknown): exception is DomainError {
  if (exception instanceof DomainError) return true;
  if (typeof exception !== 'object' || exception === null) return false;
  const e = exception as { name?: unknown; code?: unknown; status?: unknown };
  return (
    e.name === 'DomainError' &&
    typeof e.code === 'string' &&
    typeof e.status === 'number' &&
    e.status >= 400 &&
    e.status < 600
  );
}

function httpCode(status: number): string {
  switch (status) {
    case 400:
      return 'BAD_REQUEST';
    case 401:
      return 'AUTH.INVALID_TOKEN';
    case 403:
      return 'AUTH.FORBIDDEN';
    case 404:
      return 'NOT_FOUND';
    case 409:
      return 'CONFLICT';
    case 413:
      return 'PAYLOAD_TOO_LARGE';
    case 429:
      return 'RATE_LIMITED';
    default:
      return `HTTP_${status}`;
  }
}
