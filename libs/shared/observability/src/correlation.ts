import type { IncomingMessage, ServerResponse } from 'node:http';
import { Injectable, type NestMiddleware } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { runWithContext } from './context.js';

export const CORRELATION_HEADER = 'x-correlation-id';

const SANE_ID = /^[A-Za-z0-9._-]{1,64}$/;
const idsByRequest = new WeakMap<IncomingMessage, string>();

/** The caller's correlation id if it is a sane token, otherwise a new uuid v7. */
export function acceptCorrelationId(header: string | string[] | undefined): string {
  const candidate = Array.isArray(header) ? header[0] : header;
  return candidate !== undefined && SANE_ID.test(candidate) ? candidate : uuidv7();
}

/**
 * The request's correlation id, decided once per request (whichever of pino-http and the
 * middleware asks first) and echoed in the response header.
 */
export function correlationIdOf(req: IncomingMessage, res: ServerResponse): string {
  const known = idsByRequest.get(req);
  if (known !== undefined) return known;
  const id = acceptCorrelationId(req.headers[CORRELATION_HEADER]);
  idsByRequest.set(req, id);
  if (!res.headersSent) res.setHeader(CORRELATION_HEADER, id);
  return id;
}

/** Runs the rest of the request inside a request context, so code deeper down (the outbox) sees it. */
@Injectable()
export class CorrelationMiddleware implements NestMiddleware<IncomingMessage, ServerResponse> {
  use(req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void): void {
    const correlationId = correlationIdOf(req, res);
    runWithContext({ correlationId }, () => next());
  }
}
