// Every stable error code the services behind the console can answer has a sentence in Arabic and
// English; a code the console does not know still says something useful, with the code.
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { apiErrorOf, fieldErrorMap } from '../api/errors';
import { errorSentence } from './error-text';
import { i18n } from './i18n';
import { ar } from './locales/ar';
import { en } from './locales/en';

/** The sources of the services the console calls (transport's codes have their sentences under logistics.errors: logistics/strings.spec.ts). */
const SOURCES = ['apps/registration/src', 'apps/eligibility/src', 'apps/notifications/src', 'apps/reporting/src', 'apps/gateway/src', 'libs/shared'];
const CODE = /'((?:REGISTRATION|ELIGIBILITY|NOTIFICATIONS|REPORTING|GATEWAY|AUTH|USERS|IDEMPOTENCY)\.[A-Z_]+)'/g;
const HOUSEHOLD_RULE = /householdRule\(\s*'([A-Z_]+)'/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' || name === 'migrations' ? [] : sourceFiles(path);
    return /\.ts$/.test(name) && !/\.(spec|test)\.ts$/.test(name) ? [path] : [];
  });
}

function codesThrownByServices(): string[] {
  const codes = new Set<string>();
  for (const file of SOURCES.flatMap((dir) => sourceFiles(join(process.cwd(), dir)))) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(CODE)) codes.add(match[1]!);
    for (const match of text.matchAll(HOUSEHOLD_RULE)) codes.add(`REGISTRATION.${match[1]!}`);
  }
  return [...codes].sort();
}

describe('error sentences', () => {
  const codes = codesThrownByServices();

  it('should find the services\' codes', () => {
    expect(codes).toEqual(expect.arrayContaining(['REGISTRATION.VERSION_CONFLICT', 'ELIGIBILITY.OVERRIDE_EXPIRY_PAST', 'GATEWAY.SERVICE_UNAVAILABLE', 'AUTH.LOCKED']));
  });

  it.each([['ar', ar.errors], ['en', en.errors]])('should say every code in %s', (_language, errors) => {
    const missing = codes.filter((code) => !(code.replace(/\./g, '_') in errors));
    expect(missing).toEqual([]);
  });

  it('should give a known code its sentence in the user\'s language, not the server\'s', () => {
    const error = apiErrorOf(409, { statusCode: 409, code: 'REGISTRATION.VERSION_CONFLICT', message: 'Version 3 is not the current version 4' });
    expect(errorSentence(i18n.t, error)).toBe(ar.errors.REGISTRATION_VERSION_CONFLICT);
  });

  it('should answer an unknown code with a generic sentence and the code', () => {
    const error = apiErrorOf(422, { statusCode: 422, code: 'TRANSPORT.SOMETHING_NEW', message: 'An English sentence for developers' });
    const text = errorSentence(i18n.t, error);
    expect(text).toContain('TRANSPORT.SOMETHING_NEW');
    expect(text).not.toContain('English sentence');
  });

  it('should put a refusal about one field at that field, in the user\'s language', () => {
    const error = apiErrorOf(422, { statusCode: 422, code: 'REGISTRATION.ONE_HEAD', message: 'This household already has a head', details: { field: 'relationship' } });
    expect(fieldErrorMap(error, (e) => errorSentence(i18n.t, e)).get('relationship')).toEqual([ar.errors.REGISTRATION_ONE_HEAD]);
  });

  it('should say "no answer" when nothing came back, and "server" for a page that is not JSON', () => {
    expect(errorSentence(i18n.t, apiErrorOf(502, '<html>'))).toBe(ar.errors.SERVER);
  });
});
