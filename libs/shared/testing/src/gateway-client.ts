/** One HTTP answer, body parsed when it is JSON. */
export interface GatewayResponse<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

export interface GatewayRequestOptions {
  body?: unknown;
  headers?: Record<string, string>;
  /** Leave out the X-CSRF-Token header (to check refusals). */
  withoutCsrf?: boolean;
  /** Send this Origin instead of the gateway's own. */
  origin?: string | null;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * A browser as the gateway sees it, over fetch: it keeps the session cookie, sends the gateway's
 * own Origin and, on state-changing requests, the X-CSRF-Token it was given at sign-in.
 */
export class GatewayClient {
  private cookies = new Map<string, string>();
  csrfToken?: string;
  user?: { id: string; username: string; roles: string[]; camps: string[]; mustChangePassword: boolean } & Record<string, unknown>;

  constructor(readonly baseUrl: string) {}

  /** A client signed in as username; throws with the gateway's answer when sign-in fails. */
  static async signedIn(baseUrl: string, username: string, password: string): Promise<GatewayClient> {
    const client = new GatewayClient(baseUrl);
    const res = await client.signIn(username, password);
    if (res.status !== 200) throw new Error(`sign-in of ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return client;
  }

  async signIn(username: string, password: string): Promise<GatewayResponse<Record<string, unknown>>> {
    const res = await this.request<Record<string, unknown>>('POST', '/auth/login', { body: { username, password }, withoutCsrf: true });
    if (res.status === 200) this.remember(res.body);
    return res;
  }

  /** GET /auth/session, keeping the CSRF token and user it returns. */
  async refresh(): Promise<GatewayResponse<Record<string, unknown>>> {
    const res = await this.request<Record<string, unknown>>('GET', '/auth/session');
    if (res.status === 200) this.remember(res.body);
    return res;
  }

  async signOut(): Promise<GatewayResponse> {
    return this.request('POST', '/auth/logout');
  }

  /** The session cookie's value (tests compare it, never log it). */
  get sessionCookie(): string | undefined {
    return this.cookies.get('awda_session');
  }

  /** Drops the cookies, as a new browser would start. */
  forget(): void {
    this.cookies.clear();
    this.csrfToken = undefined;
  }

  get<T = unknown>(path: string, options: GatewayRequestOptions = {}) {
    return this.request<T>('GET', path, options);
  }
  post<T = unknown>(path: string, body?: unknown, options: GatewayRequestOptions = {}) {
    return this.request<T>('POST', path, { ...options, body });
  }
  put<T = unknown>(path: string, body?: unknown, options: GatewayRequestOptions = {}) {
    return this.request<T>('PUT', path, { ...options, body });
  }
  patch<T = unknown>(path: string, body?: unknown, options: GatewayRequestOptions = {}) {
    return this.request<T>('PATCH', path, { ...options, body });
  }
  delete<T = unknown>(path: string, options: GatewayRequestOptions = {}) {
    return this.request<T>('DELETE', path, options);
  }

  async request<T = unknown>(method: string, path: string, options: GatewayRequestOptions = {}): Promise<GatewayResponse<T>> {
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
    if (options.origin !== null) headers['origin'] = options.origin ?? new URL(this.baseUrl).origin;
    if (this.cookies.size > 0) headers['cookie'] = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    if (UNSAFE.has(method.toUpperCase()) && !options.withoutCsrf && this.csrfToken !== undefined) headers['x-csrf-token'] = this.csrfToken;
    let body: string | Uint8Array | undefined;
    if (options.body instanceof Uint8Array || typeof options.body === 'string') body = options.body;
    else if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await fetch(new URL(path, this.baseUrl), { method, headers, body, redirect: 'manual' });
    for (const line of res.headers.getSetCookie()) this.store(line);
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON (a page, a CSV)
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  private remember(body: Record<string, unknown>): void {
    if (typeof body['csrfToken'] === 'string') this.csrfToken = body['csrfToken'];
    if (typeof body['user'] === 'object' && body['user'] !== null) this.user = body['user'] as GatewayClient['user'];
  }

  private store(setCookie: string): void {
    const [pair, ...attributes] = setCookie.split(';').map((part) => part.trim());
    const eq = pair?.indexOf('=') ?? -1;
    if (pair === undefined || eq < 1) return;
    const name = pair.slice(0, eq);
    const value = pair.slice(eq + 1);
    const expired = attributes.some((a) => /^max-age=0$/i.test(a)) || value === '';
    if (expired) this.cookies.delete(name);
    else this.cookies.set(name, value);
  }
}
