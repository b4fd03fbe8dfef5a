import {
  BadRequestException,
  Catch,
  HttpException,
  HttpStatus,
  Logger,
  ValidationPipe,
  type ArgumentsHost,
  type ExceptionFilter,
  type ValidationError,
} from '@nestjs/common';
import type { Response } from 'express';
import { DomainError } from './domain-error.js';

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

/** 400 with each field's message; unknown fields are refused, never silently dropped. */
export function strictValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) =>
      new BadRequestException({
        statusCode: 400,
        code: 'VALIDATION_FAILED',
        message: 'Some fields are missing or not valid',
        errors: flatten(errors),
      }),
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
    this.logger.error(`unexpected ${error?.name ?? 'error'}: ${error?.message ?? String(exception)}`, error?.stack);
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
