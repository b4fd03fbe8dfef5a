import type { IncomingMessage, Server } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import compression from 'compression';
import type { Request, Response } from 'express';
import type { GatewayConfig } from '../config.js';
import { consoleFiles } from './console-files.js';
import { securityHeaders } from './security-headers.js';

const PROXIED = /^\/api(\/|\?|$)/;

/**
 * Compresses what is complete when its headers go out (the console's files, JSON a service sent
 * with a Content-Length); a service's chunked stream (an export, progress) is passed on as it
 * comes, since a compressor would hold it back until its buffer fills.
 */
function compressible(request: Request, response: Response): boolean {
  if (PROXIED.test(request.url ?? '') && response.getHeader('content-length') === undefined) return false;
  return compression.filter(request, response);
}

function trustProxySetting(value: string): string | number | boolean {
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) return Number(value);
  return value;
}

/**
 * Express-level set-up, before Nest's middleware and routes: security headers on everything,
 * compression, the console's files, and JSON bodies for the gateway's own routes only (bodies to
 * /api stream to the services untouched).
 */
export function configureGatewayHttp(app: INestApplication, config: GatewayConfig): void {
  const express = app as NestExpressApplication;
  express.disable('x-powered-by');
  if (config.TRUST_PROXY !== '') express.set('trust proxy', trustProxySetting(config.TRUST_PROXY));
  express.use(securityHeaders({ hsts: config.SESSION_COOKIE_SECURE }));
  express.use(compression({ threshold: 1024, filter: compressible }));
  express.use(consoleFiles(config.CONSOLE_DIR));
  express.useBodyParser('json', { limit: '64kb', type: (request: IncomingMessage) => !PROXIED.test(request.url ?? '') && /json/i.test(request.headers['content-type'] ?? '') });

  const server = express.getHttpServer() as Server;
  // An upload over a camp's link (50 MB at 400 kbit/s is ~17 minutes) must not hit Node's
  // 5-minute whole-request limit; a connection silent for longer than the proxy waits is dropped instead.
  server.requestTimeout = 0;
  server.timeout = (config.PROXY_TIMEOUT_SECONDS + 60) * 1000;
}
