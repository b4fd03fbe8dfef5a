import { parsePhoneNumberFromString } from 'libphonenumber-js';

/** A phone number as typed by a case worker (Syrian by default) in E.164, or undefined if not valid. */
export function toE164(input: string): string | undefined {
  const parsed = parsePhoneNumberFromString(input, 'SY');
  return parsed !== undefined && parsed.isValid() ? parsed.number : undefined;
}

/** The text hashed for phone search: the same E.164 number always gives the same keyed hash. */
export function phoneLookupText(e164: string): string {
  return `phone:${e164}`;
}
