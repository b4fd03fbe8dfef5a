import { createHmac, timingSafeEqual } from 'node:crypto';

/** Twilio's request signature: base64 HMAC-SHA1 over the full URL and the sorted form fields. */
export function twilioSignature(authToken: string, url: string, params: Readonly<Record<string, string>>): string {
  const payload = Object.keys(params)
    .sort()
    .reduce((text, key) => text + key + (params[key] ?? ''), url);
  return createHmac('sha1', authToken).update(payload, 'utf8').digest('base64');
}

/** Constant-time check of an X-Twilio-Signature header. */
export function isValidTwilioSignature(
  authToken: string,
  url: string,
  params: Readonly<Record<string, string>>,
  signature: string | undefined,
): boolean {
  if (!signature) return false;
  const expected = Buffer.from(twilioSignature(authToken, url, params));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
