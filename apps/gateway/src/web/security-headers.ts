import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * The console's Content-Security-Policy. Scripts only from the gateway's own origin, never inline.
 * Styles allow 'unsafe-inline' because MUI's Emotion injects <style> elements at run time; a
 * per-response nonce would need index.html rendered per request (it is a static, cached file) and
 * Emotion given the nonce. With scripts locked down and React escaping all text, inline styles
 * cannot run code; the remaining risk (CSS reading attributes) needs an HTML injection first.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const HEADERS: readonly (readonly [string, string])[] = [
  ['Content-Security-Policy', CONTENT_SECURITY_POLICY],
  ['X-Content-Type-Options', 'nosniff'],
  ['Referrer-Policy', 'no-referrer'],
  ['X-Frame-Options', 'DENY'],
  ['Cross-Origin-Opener-Policy', 'same-origin'],
  ['Cross-Origin-Resource-Policy', 'same-origin'],
  ['Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=()'],
];

/** First middleware of the gateway: the security headers on every response, whoever answers it. */
export function securityHeaders(options: { hsts: boolean }) {
  return (request: IncomingMessage & { secure?: boolean }, response: ServerResponse, next: () => void): void => {
    for (const [name, value] of HEADERS) response.setHeader(name, value);
    // Only over HTTPS (a TLS proxy in front counts when TRUST_PROXY lets Express see it).
    if (options.hsts && request.secure === true) response.setHeader('Strict-Transport-Security', 'max-age=31536000');
    response.removeHeader('X-Powered-By');
    next();
  };
}
