// Every call from the console goes to the gateway, same origin, with the session cookie. State-
// changing calls carry the CSRF token; a 401 means the session ended (idle, signed out elsewhere,
// disabled) and is reported once to the session layer, which asks the person to sign in again
// without leaving the page, so what they typed is not lost.
import { ApiError, apiErrorOf } from './errors';

type SessionListener = () => void;

const state: { csrfToken: string | null; onSessionExpired: SessionListener | null } = { csrfToken: null, onSessionExpired: null };

export function setCsrfToken(token: string | null): void {
  state.csrfToken = token;
}

export function onSessionExpired(listener: SessionListener | null): void {
  state.onSessionExpired = listener;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Adds the CSRF header to a state-changing request. */
export function withCsrf(method: string, headers: Headers): Headers {
  if (UNSAFE.has(method.toUpperCase()) && state.csrfToken) headers.set('X-CSRF-Token', state.csrfToken);
  return headers;
}

/** A 401 from /api or /admin: the session is gone (the sign-in endpoints answer 401 for other reasons). */
export function reportIfSessionExpired(url: string, status: number): void {
  const path = url.startsWith('http') ? new URL(url).pathname : url;
  if (status === 401 && !path.startsWith('/auth/login') && !path.startsWith('/auth/password')) state.onSessionExpired?.();
}

async function bodyOf(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export interface RequestOptions {
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/** JSON request to the gateway; resolves with the parsed body or throws ApiError. */
export async function request<T>(url: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers = withCsrf(method, new Headers(options.headers));
  if (options.body !== undefined) headers.set('Content-Type', 'application/json');
  headers.set('Accept', 'application/json');
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError(0, 'NETWORK', '');
  }
  const body = await bodyOf(response);
  if (!response.ok) {
    reportIfSessionExpired(url, response.status);
    throw apiErrorOf(response.status, body);
  }
  return body as T;
}
