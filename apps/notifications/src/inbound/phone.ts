/** An E.164 number (+ and 8–15 digits) from what a provider or a form gives, or null. */
export function normalisePhone(raw: string): string | null {
  let phone = raw.replace(/[\s\-().]/g, '');
  if (phone.startsWith('00')) phone = `+${phone.slice(2)}`;
  if (/^\d+$/.test(phone)) phone = `+${phone}`;
  return /^\+[1-9]\d{7,14}$/.test(phone) ? phone : null;
}
