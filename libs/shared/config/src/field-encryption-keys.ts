/** A key id may appear in ciphertexts (`v1.<keyId>.…`), so it must not contain dots. */
export const KEY_ID_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

/**
 * Parses FIELD_ENCRYPTION_KEYS (`keyId:base64-32-bytes,keyId2:…`) into 32-byte keys by id.
 * Throws an Error whose message never contains key material.
 */
export function parseFieldEncryptionKeys(value: string): Record<string, Buffer> {
  const keys: Record<string, Buffer> = {};
  const entries = value
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
  if (entries.length === 0) throw new Error('at least one key is required');
  for (const [index, entry] of entries.entries()) {
    const colon = entry.indexOf(':');
    const keyId = colon > 0 ? entry.slice(0, colon) : '';
    const material = colon > 0 ? entry.slice(colon + 1) : '';
    if (!KEY_ID_PATTERN.test(keyId)) {
      throw new Error(`entry ${index + 1} needs a key id of 1-32 letters, digits, "_" or "-" before ":"`);
    }
    if (Object.hasOwn(keys, keyId)) throw new Error(`key id "${keyId}" appears twice`);
    const bytes = BASE64.test(material) ? Buffer.from(material, 'base64') : Buffer.alloc(0);
    if (bytes.length !== 32) throw new Error(`key "${keyId}" must be 32 bytes in base64`);
    keys[keyId] = bytes;
  }
  return keys;
}
