/** The session cookie: an opaque 256-bit id, nothing else, readable by no script. */
export const SESSION_COOKIE = 'awda_session';
/** Binds a pending identity-provider sign-in to the browser that started it. */
export const OIDC_COOKIE = 'awda_oidc';

/** The value of one cookie in a Cookie header (the first, if a name repeats). */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (header === undefined) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() !== name) continue;
    const value = part.slice(eq + 1).trim();
    return value.length > 0 ? value : undefined;
  }
  return undefined;
}

interface CookieOptions {
  secure: boolean;
  /** Strict for the session; Lax for the sign-in binding, which must survive the provider's redirect back. */
  sameSite: 'Strict' | 'Lax';
  path?: string;
  maxAgeSeconds?: number;
}

/** A Set-Cookie value; without maxAgeSeconds the cookie ends with the browser (shared laptops). */
export function setCookie(name: string, value: string, options: CookieOptions): string {
  const parts = [`${name}=${value}`, `Path=${options.path ?? '/'}`, 'HttpOnly', `SameSite=${options.sameSite}`];
  if (options.secure) parts.push('Secure');
  if (options.maxAgeSeconds !== undefined) parts.push(`Max-Age=${options.maxAgeSeconds}`);
  return parts.join('; ');
}

export function clearCookie(name: string, options: Omit<CookieOptions, 'maxAgeSeconds'>): string {
  return setCookie(name, '', { ...options, maxAgeSeconds: 0 });
}
