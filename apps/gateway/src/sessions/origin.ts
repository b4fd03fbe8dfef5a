import type { IncomingHttpHeaders } from 'node:http';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** True for methods that change state and so need CSRF protection. */
export function isStateChanging(method: string | undefined): boolean {
  return !SAFE_METHODS.has((method ?? 'GET').toUpperCase());
}

const DEFAULT_PORTS: Record<string, string> = { 'http:': '80', 'https:': '443' };

/**
 * True when the request's Origin is the gateway's own (the Host it was sent to) or one of the
 * configured origins. A missing or opaque ("null") Origin is refused: browsers send Origin on
 * every state-changing fetch, so only a forged or non-browser request lacks it.
 */
export function isAllowedOrigin(headers: IncomingHttpHeaders, allowed: readonly string[]): boolean {
  const origin = headers.origin;
  if (origin === undefined || origin === 'null') return false;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  if (allowed.includes(url.origin)) return true;
  const host = headers.host?.toLowerCase();
  if (host === undefined) return false;
  const defaultPort = DEFAULT_PORTS[url.protocol];
  const requestHost = defaultPort !== undefined && host.endsWith(`:${defaultPort}`) ? host.slice(0, -defaultPort.length - 1) : host;
  return url.host === requestHost;
}
