export { LOCALE_INFO, isLocale } from '../i18n/locales';
