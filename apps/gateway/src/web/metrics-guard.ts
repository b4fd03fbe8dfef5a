import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GatewayConfig } from '../config.js';

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * The services' /metrics stay inside the network; the gateway's would face the internet, so it
 * needs the scrape token (METRICS_TOKEN), and in production without one it is not served at all.
 */
export function metricsGuard(config: GatewayConfig) {
  const expected = config.METRICS_TOKEN !== undefined ? digest(`Bearer ${config.METRICS_TOKEN}`) : undefined;
  const open = expected === undefined && config.NODE_ENV !== 'production';
  return (request: IncomingMessage, response: ServerResponse, next: () => void): void => {
    if (open) return next();
    const header = request.headers.authorization;
    if (expected !== undefined && header !== undefined && timingSafeEqual(digest(header), expected)) return next();
    response.statusCode = 404;
    response.setHeader('Content-Type', 'application/json; charset=utf-8');
    response.end(JSON.stringify({ statusCode: 404, code: 'NOT_FOUND', message: 'Not found' }));
  };
}
