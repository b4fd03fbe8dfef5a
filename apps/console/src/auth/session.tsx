// Who is signed in. The session lives in an httpOnly cookie; the console keeps only the user and
// the CSRF token in memory (never in localStorage). When any call answers 401, the page stays as
// it is and a sign-in dialog opens over it: what the person typed is still there afterwards.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ApiError } from '../api/errors';
import { onSessionExpired, setCsrfToken } from '../api/http';
import { switchLocale } from '../i18n/i18n';
import { DEFAULT_LOCALE, type Digits, type Locale } from '../i18n/locales';
import { PrefsProvider } from '../app/prefs';
import { eraseDevice, eraseUnlessUser, offlineUser } from '../boarding/device-store';
import { authApi, type Session, type SessionUser } from './api';

export type SessionState = 'loading' | 'signed-out' | 'signed-in';

interface SessionContextValue {
  state: SessionState;
  user: SessionUser | null;
  /** The session ended while the page was open: a sign-in dialog is shown over it. */
  expired: boolean;
  /**
   * The gateway could not be reached at start and the user who stored boarding data on this tablet
   * is shown the boarding pages from the device; `refresh()` renews the session once there is a network.
   */
  offline: boolean;
  signIn(username: string, password: string): Promise<SessionUser>;
  signOut(): Promise<void>;
  setPreferences(locale: Locale, digits: Digits): Promise<void>;
  /** Before sign-in: the language chosen on the sign-in page (kept in memory only). */
  setAnonymousLocale(locale: Locale): void;
  refresh(): Promise<void>;
}

const SessionContext = createContext<SessionContextValue | null>(null);

export function SessionProvider({ children, onUserChanged }: { children: ReactNode; onUserChanged: () => void }) {
  const [state, setState] = useState<SessionState>('loading');
  const [user, setUser] = useState<SessionUser | null>(null);
  const [expired, setExpired] = useState(false);
  const [offline, setOffline] = useState(false);
  const [anonymousLocale, setAnonymousLocaleState] = useState<Locale>(DEFAULT_LOCALE);

  const accept = useCallback(async (session: Session) => {
    setCsrfToken(session.csrfToken);
    // Not awaited: the page does not wait for it (boarding checks the key's owner again before any use).
    void eraseUnlessUser(session.user.id).catch(() => undefined);
    // The language's strings first, so the page never shows in one direction with another's words.
    await switchLocale(session.user.locale).catch(() => undefined);
    setUser(session.user);
    setExpired(false);
    setOffline(false);
    setState('signed-in');
  }, []);

  const refresh = useCallback(async () => {
    try {
      await accept(await authApi.session());
    } catch (error) {
      if (error instanceof ApiError && error.isNetwork) {
        // No network on a boarding tablet: the boarding pages open from what is stored on the device.
        const stored = await offlineUser().catch(() => undefined);
        if (!stored) throw error;
        await switchLocale(stored.locale).catch(() => undefined);
        setUser((current) => current ?? stored);
        setOffline(true);
        setState('signed-in');
        return;
      }
      if (!(error instanceof ApiError) || error.status !== 401) throw error;
      setCsrfToken(null);
      setUser(null);
      setState('signed-out');
    }
  }, [accept]);

  useEffect(() => {
    refresh().catch(() => setState('signed-out'));
  }, [refresh]);

  useEffect(() => {
    onSessionExpired(() => setExpired((was) => was || state === 'signed-in'));
    return () => onSessionExpired(null);
  }, [state]);

  const signIn = useCallback(
    async (username: string, password: string) => {
      const session = await authApi.login(username, password);
      // Someone else on the shared laptop: nothing of the previous person's screen stays (the
      // signed-in frame keeps its data per user, and starts again from the home page).
      if (user && user.id !== session.user.id) onUserChanged();
      await accept(session);
      return session.user;
    },
    [accept, onUserChanged, user],
  );

  const signOut = useCallback(async () => {
    try {
      await authApi.logout();
    } finally {
      // Boarding's manifests, queue and key leave the tablet with the person.
      await eraseDevice().catch(() => undefined);
      setCsrfToken(null);
      setUser(null);
      setExpired(false);
      setState('signed-out');
      onUserChanged();
    }
  }, [onUserChanged]);

  const setPreferences = useCallback(async (locale: Locale, digits: Digits) => {
    const { user: updated } = await authApi.preferences(locale, digits);
    await switchLocale(updated.locale);
    setUser(updated);
  }, []);

  const setAnonymousLocale = useCallback((locale: Locale) => {
    void switchLocale(locale).then(() => setAnonymousLocaleState(locale));
  }, []);

  const value = useMemo(
    () => ({ state, user, expired, offline, signIn, signOut, setPreferences, setAnonymousLocale, refresh }),
    [state, user, expired, offline, signIn, signOut, setPreferences, setAnonymousLocale, refresh],
  );
  const prefs = user ? { locale: user.locale, digits: user.digits } : { locale: anonymousLocale, digits: 'latin' as const };
  return (
    <SessionContext.Provider value={value}>
      <PrefsProvider prefs={prefs}>{children}</PrefsProvider>
    </SessionContext.Provider>
  );
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The signed-in user (pages under the signed-in layout only). */
export function useUser(): SessionUser {
  const { user } = useSession();
  if (!user) throw new Error('useUser without a signed-in user');
  return user;
}
