import { Injectable, UnsupportedMediaTypeException, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DECORATORS } from '@nestjs/swagger';
import type { Request } from 'express';
import type { Observable } from 'rxjs';

const JSON_ONLY: readonly string[] = ['application/json'];

function mediaType(header: string | undefined): string | undefined {
  const type = header?.split(';')[0]?.trim().toLowerCase();
  return type === '' ? undefined : type;
}

function hasBody(request: Request): boolean {
  if (request.headers['transfer-encoding'] !== undefined) return true;
  const length = Number(request.headers['content-length'] ?? 0);
  return Number.isFinite(length) && length > 0;
}

/**
 * A request body must be in a type the operation takes: JSON unless the operation declares others
 * with @ApiConsumes (uploads, provider webhooks). Otherwise 415 "send JSON" — without it, a text/plain
 * body is not parsed and the caller is told that every field is missing.
 */
@Injectable()
export class ContentTypeInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<Request>();
    if (!hasBody(request)) return next.handle();
    const declared = this.reflector.getAllAndOverride<string[] | undefined>(DECORATORS.API_CONSUMES, [context.getHandler(), context.getClass()]);
    const accepted = declared && declared.length > 0 ? declared.map((t) => t.toLowerCase()) : JSON_ONLY;
    const sent = mediaType(request.headers['content-type']);
    if (sent === undefined || !accepted.includes(sent)) {
      const wanted = accepted === JSON_ONLY ? 'send JSON (Content-Type: application/json)' : `send ${accepted.join(' or ')}`;
      throw new UnsupportedMediaTypeException({
        statusCode: 415,
        code: 'UNSUPPORTED_MEDIA_TYPE',
        message: `The request body is ${sent === undefined ? 'without a Content-Type' : sent}: ${wanted}`,
      });
    }
    return next.handle();
  }
}
