// Syrian mobile numbers in E.164: +963 9X XXX XXXX. Random subscriber digits, so fictitious in
// intent; never send real messages to generated numbers.
import type { Rng } from './rng.js';

/** Mobile prefixes after +963: Syriatel 93, 98, 99; MTN 94, 95, 96. */
export const SYRIAN_MOBILE_PREFIXES = ['93', '94', '95', '96', '98', '99'] as const;

/** +963 followed by a mobile prefix and seven digits. */
export const SYRIAN_MOBILE_E164 = /^\+9639[345689]\d{7}$/;

export function generateSyrianMobile(rng: Rng): string {
  let subscriber = '';
  for (let i = 0; i < 7; i++) subscriber += String(rng.int(0, 9));
  return `+963${rng.pick(SYRIAN_MOBILE_PREFIXES)}${subscriber}`;
}
