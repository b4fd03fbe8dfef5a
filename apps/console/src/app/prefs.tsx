// The user's language and digits for everything on screen: <html lang dir> and Intl formatting.
// The MUI theme (and its Emotion cache per direction) is in ThemeShell, loaded with the signed-in
// pages: the sign-in page does without MUI, to stay small on a slow link.
import { createContext, useContext, useLayoutEffect, useMemo, type ReactNode } from 'react';
import { formatDateTime, formatLocalDate, formatNumber, formatPhone, type FormatPrefs } from '../i18n/format';
import { directionOf } from '../i18n/locales';

const PrefsContext = createContext<FormatPrefs>({ locale: 'ar', digits: 'latin' });

export function PrefsProvider({ prefs, children }: { prefs: FormatPrefs; children: ReactNode }) {
  const dir = directionOf(prefs.locale);
  // Before paint, so a page never flashes in the other direction (the strings were loaded first).
  useLayoutEffect(() => {
    document.documentElement.lang = prefs.locale;
    document.documentElement.dir = dir;
  }, [prefs.locale, dir]);
  const value = useMemo(() => ({ locale: prefs.locale, digits: prefs.digits }), [prefs.locale, prefs.digits]);
  return (
    <PrefsContext.Provider value={value}>{children}</PrefsContext.Provider>
  );
}

export function usePrefs(): FormatPrefs {
  return useContext(PrefsContext);
}

/** Formatting bound to the user's language and digits. */
export function useFormat() {
  const prefs = usePrefs();
  return useMemo(
    () => ({
      number: (value: number, options?: Intl.NumberFormatOptions) => formatNumber(value, prefs, options),
      date: (isoDate: string) => formatLocalDate(isoDate, prefs),
      dateTime: (iso: string) => formatDateTime(iso, prefs),
      phone: (e164: string) => formatPhone(e164, prefs.digits),
    }),
    [prefs],
  );
}
