// What a change changed, from what to what, as kept on the household's timeline. Values a reader may
// see in full and that identify nobody (area codes, language, needs, status) are kept as they are;
// phones and document numbers only masked (the last digits, as a case worker reads them back to a
// family); names, dates of birth and the shelter location only encrypted with the field cipher, bound
// to the household, and opened when someone with access to the household reads its history.
import type { PersonalCipher } from '../privacy/household-keys.js';

export interface ValueChange {
  from: unknown;
  to: unknown;
}

export type ChangeValues = Record<string, ValueChange>;

/** A member named on the timeline: the name at the time, kept sealed. */
export interface NamedMember {
  fullNameAr: string;
  fullNameLatin: string | null;
}

/** What a change records of values: `values` in clear, `personal` sealed, `member` the member it concerns. */
export interface ChangeRecord {
  values?: ChangeValues;
  personal?: ChangeValues;
  member?: { id: string } & NamedMember;
}

interface Sealed {
  values?: ChangeValues;
  member?: NamedMember;
}

const MASK = '••••';

/** "•••• 4567": enough to read back to a family, not enough to call anyone. */
export function maskPhone(e164: string | null | undefined): string | null {
  if (e164 === null || e164 === undefined) return null;
  const digits = e164.replace(/\D/g, '');
  return digits.length > 6 ? `${MASK} ${digits.slice(-4)}` : MASK;
}

/** "national_id •••• 234": the type and the last three characters of a long enough number. */
export function maskDocument(document: { type: string; number: string }): string {
  const plain = document.number.replace(/[\s/-]+/g, '');
  return plain.length > 6 ? `${document.type} ${MASK} ${plain.slice(-3)}` : `${document.type} ${MASK}`;
}

/** A change worth recording: present and different. */
export function changed(values: ChangeValues, field: string, from: unknown, to: unknown): void {
  if (to === undefined || JSON.stringify(from) === JSON.stringify(to)) return;
  values[field] = { from: from ?? null, to: to ?? null };
}

/** The timeline detail keys for a change: clear values, and the personal ones and the member's name sealed. */
export function recordDetail(cipher: PersonalCipher, householdId: string, record: ChangeRecord): Record<string, unknown> {
  const detail: Record<string, unknown> = {};
  if (record.member) detail['memberId'] = record.member.id;
  if (record.values && Object.keys(record.values).length > 0) detail['values'] = record.values;
  const sealed: Sealed = {};
  if (record.personal && Object.keys(record.personal).length > 0) sealed.values = record.personal;
  if (record.member) sealed.member = { fullNameAr: record.member.fullNameAr, fullNameLatin: record.member.fullNameLatin };
  if (sealed.values || sealed.member) detail['sealed'] = cipher.encrypt(JSON.stringify(sealed), householdId);
  return detail;
}

/** A timeline row's detail opened for a reader with access: values in clear and personal merged, the member's name at the time. */
export function openDetail(
  cipher: PersonalCipher,
  householdId: string,
  detail: Record<string, unknown>,
): { detail: Record<string, unknown>; values?: ChangeValues; member?: NamedMember } {
  const { values, sealed, ...rest } = detail;
  const opened: Sealed = typeof sealed === 'string' ? (JSON.parse(cipher.decrypt(sealed, householdId)) as Sealed) : {};
  const all: ChangeValues = { ...((values as ChangeValues | undefined) ?? {}), ...(opened.values ?? {}) };
  return { detail: rest, values: Object.keys(all).length > 0 ? all : undefined, member: opened.member };
}
