// Keys built at run time (an error code, a reason code, a status from the server) cannot be checked
// by the compiler: these helpers look them up and say what to show when a key is unknown.
import type { TFunction } from 'i18next';
import { i18n } from './i18n';

type LooseT = (key: string, options?: Record<string, unknown>) => string;

export function translateOr(t: TFunction, key: string, fallback: string, params?: Record<string, unknown>): string {
  // With the params: a key that exists only in plural forms (`…_one`, `…_other`) needs the count.
  return i18n.exists(key, params) ? (t as unknown as LooseT)(key, params) : fallback;
}

/** `errors.REGISTRATION_CASE_NUMBER_TAKEN` for the code 'REGISTRATION.CASE_NUMBER_TAKEN'. */
export function errorKey(code: string): string {
  return `errors.${code.replace(/\./g, '_')}`;
}
