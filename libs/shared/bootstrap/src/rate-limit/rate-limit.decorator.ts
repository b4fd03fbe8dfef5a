import { SetMetadata, UseGuards, applyDecorators } from '@nestjs/common';
import type { BaseServiceConfig } from '@awda/config';
import { RateLimitGuard } from './rate-limit.guard.js';

export const RATE_LIMIT_KEY = 'awda:rate-limit';

export interface RateLimitOptions {
  /** The counter's name; handlers with the same key share one budget per user (e.g. 'sms-costing'). */
  key: string;
  /**
   * Requests allowed per user per window: a number, or read from the service's config. Default:
   * RATE_LIMIT_SMS_PER_MINUTE, scaled to the window.
   */
  limit?: number | ((config: BaseServiceConfig) => number);
  /** Length of the (fixed) window in seconds. Default 60. */
  windowSeconds?: number;
}

/**
 * Limits how often one caller (the token's `sub`; the client address on public routes) may use
 * the handler. Counters live in PostgreSQL, so the limit holds across replicas. Over the limit:
 * 429 { statusCode, code: 'RATE_LIMITED', message, retryAfterSeconds } with a Retry-After header.
 * Runs after the authentication and role guards: refused callers spend nothing.
 */
export function RateLimit(options: RateLimitOptions): MethodDecorator & ClassDecorator {
  const windowSeconds = options.windowSeconds ?? 60;
  if (!Number.isInteger(windowSeconds) || windowSeconds < 1) throw new Error(`@RateLimit(${options.key}): windowSeconds must be a positive integer`);
  if (typeof options.limit === 'number' && (!Number.isInteger(options.limit) || options.limit < 1)) {
    throw new Error(`@RateLimit(${options.key}): limit must be a positive integer`);
  }
  return applyDecorators(SetMetadata(RATE_LIMIT_KEY, { ...options, windowSeconds }), UseGuards(RateLimitGuard));
}
