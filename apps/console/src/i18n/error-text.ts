// The sentence shown for a failed call, in the user's language: a stable code the console knows
// (REGISTRATION.CASE_NUMBER_TAKEN → errors.REGISTRATION_CASE_NUMBER_TAKEN) says what happened and
// what to do; an unknown code gets a generic sentence with the code, so a supervisor can report it.
// The server's own sentence (English, for developers) is never shown in its place.
import type { TFunction } from 'i18next';
import { ApiError } from '../api/errors';
import { errorKey, translateOr } from './dynamic';

/** Codes the console makes itself when the answer carried none (no answer, an HTML page, a bare status). */
const LOCAL_CODES = new Set(['NETWORK', 'SERVER', 'HTTP']);

export function errorSentence(t: TFunction, error: unknown): string {
  if (!(error instanceof ApiError)) return t('errors.GENERIC');
  if (error.isNetwork) return t('errors.NETWORK');
  const known = translateOr(t, errorKey(error.code), '', error.body);
  if (known) return known;
  if (error.status === 403 && !error.code.includes('.')) return t('errors.FORBIDDEN');
  if (LOCAL_CODES.has(error.code) || /^HTTP_\d+$/.test(error.code)) return error.status >= 500 ? t('errors.SERVER') : t('errors.GENERIC');
  return t('errors.UNKNOWN', { code: error.code });
}
