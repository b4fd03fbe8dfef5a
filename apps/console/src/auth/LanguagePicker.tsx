import { useTranslation } from 'react-i18next';
import { LOCALE_INFO, LOCALES, isLocale, type Locale } from '../i18n/locales';
import './signin.css';

/** The four languages, each named in itself (and in its own direction): a native select. */
export function LanguagePicker({ value, onChange, id = 'language' }: { value: Locale; onChange: (locale: Locale) => void; id?: string }) {
  const { t } = useTranslation();
  return (
    <div className="signin-field">
      <label htmlFor={id}>{t('prefs.language')}</label>
      <select id={id} value={value} onChange={(e) => isLocale(e.target.value) && onChange(e.target.value)}>
        {LOCALES.map((locale) => (
          <option key={locale} value={locale} lang={locale} dir={LOCALE_INFO[locale].dir}>
            {LOCALE_INFO[locale].nativeName}
          </option>
        ))}
      </select>
    </div>
  );
}
