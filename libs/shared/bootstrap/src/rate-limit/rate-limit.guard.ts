import {
  HttpException,
  HttpStatus,
  Inject,
  Injectable,
  Logger,
  Optional,
  ServiceUnavailableException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';
import type { AuthUser } from '@awda/auth';
import type { BaseServiceConfig } from '@awda/config';
import { SERVICE_CONFIG } from '../service.js';
import type { RateLimitOptions } from './rate-limit.decorator.js';
import { RateLimitRepository } from './rate-limit.repository.js';

// Same string as RATE_LIMIT_KEY (not imported: the decorator module imports this one).
const METADATA_KEY = 'awda:rate-limit';
const DEFAULT_PER_MINUTE = 120;

export interface RateLimitedBody {
  statusCode: 429;
  code: 'RATE_LIMITED';
  message: string;
  retryAfterSeconds: number;
}

/** The caller a counter belongs to: the token's subject, else the client address (public routes). */
export function rateLimitSubject(request: Pick<Request, 'ip'> & { user?: Pick<AuthUser, 'sub'>; socket?: { remoteAddress?: string } }): string {
  if (request.user?.sub) return `sub:${request.user.sub}`;
  return `ip:${request.ip ?? request.socket?.remoteAddress ?? 'unknown'}`;
}

/** The limit for a handler: its own, or RATE_LIMIT_SMS_PER_MINUTE scaled to its window. */
export function rateLimitFor(options: Required<Pick<RateLimitOptions, 'windowSeconds'>> & RateLimitOptions, config?: BaseServiceConfig): number {
  if (typeof options.limit === 'number') return options.limit;
  if (typeof options.limit === 'function') {
    if (config === undefined) throw new Error(`@RateLimit(${options.key}): the limit needs the service config`);
    return options.limit(config);
  }
  const perMinute = config?.RATE_LIMIT_SMS_PER_MINUTE ?? DEFAULT_PER_MINUTE;
  return Math.max(1, Math.round((perMinute * options.windowSeconds) / 60));
}

/** Enforces @RateLimit(...) with counters in the service's PostgreSQL schema (replica-safe). */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly logger = new Logger('RateLimit');
  private readonly store: RateLimitRepository;

  constructor(
    private readonly reflector: Reflector,
    dataSource: DataSource,
    @Optional() @Inject(SERVICE_CONFIG) private readonly config?: BaseServiceConfig,
  ) {
    this.store = new RateLimitRepository(dataSource);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const options = this.reflector.getAllAndOverride<(RateLimitOptions & { windowSeconds: number }) | undefined>(METADATA_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (options === undefined) return true;
    const http = context.switchToHttp();
    const request = http.getRequest<Request & { user?: AuthUser }>();
    const limit = rateLimitFor(options, this.config);
    const subject = rateLimitSubject(request);

    let hit;
    try {
      hit = await this.store.hit(options.key, subject, options.windowSeconds);
    } catch (error) {
      // Fail closed: these endpoints cost money per call; never log the request itself.
      this.logger.error({ msg: 'rate limit counter unavailable', key: options.key, reason: (error as Error)?.name ?? 'unknown' });
      throw new ServiceUnavailableException({
        statusCode: 503,
        code: 'RATE_LIMIT_UNAVAILABLE',
        message: 'The request could not be counted against its limit; try again shortly',
      });
    }
    if (hit.hits <= limit) return true;

    const response = http.getResponse<Response>();
    response.setHeader('Retry-After', String(hit.retryAfterSeconds));
    // The subject is an opaque user id (or an address); never a name or phone.
    this.logger.warn({ msg: 'rate limited', key: options.key, subject, limit, windowSeconds: options.windowSeconds });
    const body: RateLimitedBody = {
      statusCode: 429,
      code: 'RATE_LIMITED',
      message: `Too many requests of this kind (at most ${limit} every ${options.windowSeconds} seconds); try again in ${hit.retryAfterSeconds} seconds`,
      retryAfterSeconds: hit.retryAfterSeconds,
    };
    throw new HttpException(body, HttpStatus.TOO_MANY_REQUESTS);
  }
}
