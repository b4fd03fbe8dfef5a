import { Agent as HttpAgent, request as httpRequest, type ClientRequest, type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { Inject, Injectable, Logger, type NestMiddleware, type OnModuleDestroy } from '@nestjs/common';
import { DomainError, SERVICE_CONFIG } from '@awda/bootstrap';
import { CORRELATION_HEADER, correlationIdOf } from '@awda/observability';
import { PROXIED_SERVICES, serviceUrls, type GatewayConfig, type ProxiedService } from '../config.js';
import type { GatewayRequest } from '../sessions/gateway-request.js';
import { SessionAccess } from '../sessions/session-access.js';
import { PROXY_ERRORS, sendFailure, serviceTimeout, serviceUnavailable } from './proxy.errors.js';
import { proxyMetrics } from './proxy.metrics.js';
import { ServiceTokens } from './service-tokens.js';

// What the browser may tell a service. Everything else stays here: above all its cookies and any
// Authorization header (the gateway puts its own), and Accept-Encoding (the gateway compresses).
const FORWARDED_REQUEST_HEADERS = [
  'accept',
  'accept-language',
  'content-type',
  'content-length',
  'content-encoding',
  'if-match',
  'if-none-match',
  'idempotency-key',
] as const;

// What a service may not tell the browser: hop-by-hop headers, cookies, authentication prompts,
// and the headers the gateway itself decides for its origin (security policy, correlation id).
const DROPPED_RESPONSE_HEADERS = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'set-cookie',
  'www-authenticate',
  'content-security-policy',
  'x-frame-options',
  'x-content-type-options',
  'referrer-policy',
  'strict-transport-security',
  'permissions-policy',
  'cross-origin-opener-policy',
  'cross-origin-resource-policy',
  'cross-origin-embedder-policy',
  'x-powered-by',
  CORRELATION_HEADER,
]);

// Services' own scrape endpoint is for Prometheus inside the network, not for browsers.
const BLOCKED_PATHS = /^\/metrics(\/|$)/;
const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'ECONNABORTED']);

class UpstreamTimeout extends Error {
  constructor(readonly phase: 'connect' | 'idle') {
    super(`service ${phase} timeout`);
  }
}

interface Target {
  service: ProxiedService;
  base: URL;
  /** Path and query for the service, e.g. "/households?campId=x". */
  path: string;
}

/**
 * /api/<service>/<path>?<query> → that service's /<path>?<query>, for a signed-in user only.
 * Bodies stream both ways (an upload is never held whole), each call carries a fresh service
 * token and the correlation id, and a service that is down or silent gets a clear 503/504.
 */
@Injectable()
export class ApiProxy implements NestMiddleware<GatewayRequest, ServerResponse>, OnModuleDestroy {
  private readonly logger = new Logger(ApiProxy.name);
  private readonly bases: Record<ProxiedService, URL>;
  // Connections to the services are reused; the browser's own connection is never passed through.
  private readonly httpAgent = new HttpAgent({ keepAlive: true, maxSockets: 256 });
  private readonly httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets: 256 });

  constructor(
    private readonly access: SessionAccess,
    private readonly tokens: ServiceTokens,
    @Inject(SERVICE_CONFIG) private readonly config: GatewayConfig,
  ) {
    const urls = serviceUrls(config);
    this.bases = Object.fromEntries(PROXIED_SERVICES.map((s) => [s, new URL(urls[s])])) as Record<ProxiedService, URL>;
  }

  onModuleDestroy(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }

  async use(request: GatewayRequest, response: ServerResponse): Promise<void> {
    const target = this.targetOf((request as GatewayRequest & { originalUrl?: string }).originalUrl ?? request.url ?? '/');
    const session = await this.access.require(request, response);
    const token = await this.tokens.mint(session.user);
    await this.forward(request, response, target, token);
  }

  private targetOf(originalUrl: string): Target {
    const match = /^\/api\/([a-z]+)(\/[^?]*)?(\?.*)?$/.exec(originalUrl);
    const service = match?.[1] as ProxiedService | undefined;
    if (match === null || service === undefined || !(PROXIED_SERVICES as readonly string[]).includes(service)) {
      throw new DomainError(PROXY_ERRORS.UNKNOWN_SERVICE, `There is no such service; use /api/${PROXIED_SERVICES.join('|')}/…`, 404);
    }
    const rawPath = match[2] ?? '/';
    // Dot segments or encoded slashes could leave the path the browser asked for: refuse them.
    const normalised = new URL(rawPath, 'http://gateway.invalid').pathname;
    if (normalised !== rawPath || /%2f|%5c|%2e/i.test(rawPath) || rawPath.includes('\\') || BLOCKED_PATHS.test(rawPath)) {
      throw new DomainError(PROXY_ERRORS.BAD_PATH, 'This path cannot be used through the gateway', 400);
    }
    const base = this.bases[service];
    return { service, base, path: `${base.pathname.replace(/\/$/, '')}${rawPath}${match[3] ?? ''}` };
  }

  private upstreamHeaders(request: GatewayRequest, response: ServerResponse, token: string): OutgoingHttpHeaders {
    const headers: Record<string, string | string[]> = {};
    for (const name of FORWARDED_REQUEST_HEADERS) {
      const value: string | string[] | undefined = request.headers[name];
      if (value !== undefined) headers[name] = value;
    }
    headers[CORRELATION_HEADER] = correlationIdOf(request, response);
    headers['authorization'] = `Bearer ${token}`;
    return headers;
  }

  private forward(request: GatewayRequest, response: ServerResponse, target: Target, token: string): Promise<void> {
    const started = process.hrtime.bigint();
    const { service, base } = target;
    const https = base.protocol === 'https:';
    return new Promise<void>((resolve) => {
      let settled = false;
      const done = (outcome: string) => {
        if (settled) return;
        settled = true;
        proxyMetrics.requests.inc({ service, outcome });
        resolve();
      };
      const upstream: ClientRequest = (https ? httpsRequest : httpRequest)({
        protocol: base.protocol,
        hostname: base.hostname,
        port: base.port || (https ? 443 : 80),
        method: request.method,
        path: target.path,
        headers: this.upstreamHeaders(request, response, token),
        agent: https ? this.httpsAgent : this.httpAgent,
      });

      // A host that drops packets never refuses: give up connecting after a few seconds.
      let connectTimer: NodeJS.Timeout | undefined;
      upstream.once('socket', (socket) => {
        if (!socket.connecting) return;
        connectTimer = setTimeout(() => upstream.destroy(new UpstreamTimeout('connect')), this.config.PROXY_CONNECT_TIMEOUT_SECONDS * 1000);
        socket.once('connect', () => clearTimeout(connectTimer));
      });
      // No byte either way for this long: the service is stuck (or the upload stalled).
      upstream.setTimeout(this.config.PROXY_TIMEOUT_SECONDS * 1000, () => upstream.destroy(new UpstreamTimeout('idle')));

      upstream.once('response', (answer: IncomingMessage) => {
        clearTimeout(connectTimer);
        proxyMetrics.seconds.observe({ service }, Number(process.hrtime.bigint() - started) / 1e9);
        response.statusCode = answer.statusCode ?? 502;
        for (const [name, value] of Object.entries(answer.headers)) {
          if (value !== undefined && !DROPPED_RESPONSE_HEADERS.has(name)) response.setHeader(name, value);
        }
        answer.on('error', () => response.destroy());
        answer.on('aborted', () => response.destroy());
        response.once('finish', () => done(`${Math.floor((answer.statusCode ?? 500) / 100)}xx`));
        answer.pipe(response);
      });

      upstream.on('error', (error: Error & { code?: string }) => {
        clearTimeout(connectTimer);
        if (response.headersSent) {
          // The answer had begun: the browser sees a cut-off body, never a made-up ending.
          response.destroy();
          done('aborted');
          return;
        }
        const timedOut = error instanceof UpstreamTimeout && error.phase === 'idle';
        if (!timedOut && !(error instanceof UpstreamTimeout) && !UNAVAILABLE_CODES.has(error.code ?? '')) {
          this.logger.warn({ msg: 'proxied call failed', service, reason: error.code ?? error.name });
        }
        if (!request.complete) {
          // Stop reading an upload nobody will receive; the connection closes after the answer.
          request.unpipe(upstream);
          response.setHeader('Connection', 'close');
          request.resume();
        }
        sendFailure(request.headers, response, timedOut ? serviceTimeout(service) : serviceUnavailable(service));
        done(timedOut ? 'timeout' : 'unavailable');
      });

      // The browser went away (closed the tab, lost the network): stop the call to the service too.
      response.once('close', () => {
        if (!response.writableFinished) {
          upstream.destroy();
          done('aborted');
        }
      });
      request.pipe(upstream);
    });
  }
}
