import { DomainError } from '@awda/bootstrap';
import { versionRequired } from './registration.errors.js';

/** The version from an If-Match header: `"3"`, `W/"3"` or `3`. */
export function versionFromIfMatch(header: string | undefined): number {
  if (header === undefined || header.trim() === '') throw versionRequired();
  const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(header.trim());
  if (!match) {
    throw new DomainError('VALIDATION_FAILED', 'If-Match must be the household version, e.g. "3"', 400, { field: 'If-Match' });
  }
  return Number(match[1]);
}

export function etagOf(version: number): string {
  return `"${version}"`;
}
