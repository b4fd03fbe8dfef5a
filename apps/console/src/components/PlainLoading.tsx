import { useTranslation } from 'react-i18next';

/** Before the theme is loaded (first paint, route changes at the root): plain text, no MUI. */
export function PlainLoading() {
  const { t } = useTranslation();
  return <p className="plain-loading" role="status" aria-live="polite">{t('common.loading')}</p>;
}
