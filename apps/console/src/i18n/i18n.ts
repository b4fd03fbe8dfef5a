// i18next with Arabic (the default) bundled; the other languages are loaded when first chosen, so
// the sign-in page on a slow link carries one language. A string missing in a language falls back,
// string by string, along LOCALE_INFO's fallback list.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { ar } from './locales/ar';
import type { en } from './locales/en';
import { DEFAULT_LOCALE, LOCALE_INFO, LOCALES, type Locale } from './locales';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
  }
}

const fallbackLng = Object.fromEntries(LOCALES.map((locale: Locale) => [locale, LOCALE_INFO[locale].fallback])) as Record<Locale, Locale[]>;

export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources: { ar: { translation: ar } },
  lng: DEFAULT_LOCALE,
  fallbackLng: { ...fallbackLng, default: ['ar'] },
  supportedLngs: [...LOCALES],
  interpolation: { escapeValue: false },
  initAsync: false,
  // No advertisement in the browser's console (or in every unit test's output).
  showSupportNotice: false,
});

const loaders: Record<Exclude<Locale, 'ar'>, () => Promise<object>> = {
  en: () => import('./locales/en').then((m) => m.en),
  ckb: () => import('./locales/ckb').then((m) => m.ckb),
  kmr: () => import('./locales/kmr').then((m) => m.kmr),
};

async function ensureLoaded(locale: Locale): Promise<void> {
  if (locale === 'ar' || i18n.hasResourceBundle(locale, 'translation')) return;
  i18n.addResourceBundle(locale, 'translation', await loaders[locale](), true, true);
}

let pageStrings: Promise<void> | null = null;
let moreStrings: Promise<void> | null = null;

/** The Arabic strings of the case workers' pages and the menu (Arabic is every language's last fallback). */
export function loadPageStrings(): Promise<void> {
  pageStrings ??= import('./locales/ar-pages').then((m) => {
    i18n.addResourceBundle('ar', 'translation', m.arPages, true, false);
  });
  return pageStrings;
}

/**
 * The Arabic strings of the other pages (supervision, logistics, administration, reports): loaded by
 * those pages, and by the frame a while after it has painted. Merged key by key into what is there.
 */
export function loadMoreStrings(): Promise<void> {
  moreStrings ??= Promise.all([loadPageStrings(), import('./locales/ar-more')]).then(([, m]) => {
    i18n.addResourceBundle('ar', 'translation', m.arMore, true, false);
  });
  // Again after a failure (a dropped connection): the next page that needs them asks again.
  moreStrings.catch(() => (moreStrings = null));
  return moreStrings;
}

/** Loads a language and the ones it falls back to, then switches to it. */
export async function switchLocale(locale: Locale): Promise<void> {
  // Arabic has every string (messages.spec): its fallback is fetched later without waiting for it,
  // so a page opened in Arabic on a slow link does not wait for the English strings too…
  if (locale === 'ar') {
    // …and not while the page's own code is still arriving (it would share the link with it).
    const timer: unknown = setTimeout(() => void Promise.all(LOCALE_INFO[locale].fallback.map(ensureLoaded)).catch(() => undefined), 10_000);
    (timer as { unref?: () => void }).unref?.(); // (under Node, in unit tests, it keeps nothing alive)
  } else await Promise.all([locale, ...LOCALE_INFO[locale].fallback].map(ensureLoaded));
  if (i18n.language !== locale) await i18n.changeLanguage(locale);
}
