import { randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { FieldCipher, FieldDecryptionError } from './field-cipher.js';

const OLD_KEY = randomBytes(32);
const NEW_KEY = randomBytes(32);
const HOUSEHOLD = '0193a8e2-8a6f-7c1e-9d2b-5f4e3a2b1c0d';
const PHONE = '+963944123456';

function flip(encoded: string, part: number): string {
  const parts = encoded.split('.');
  const bytes = Buffer.from(parts[part] ?? '', 'base64url');
  bytes[0] = (bytes[0] ?? 0) ^ 0x01;
  parts[part] = bytes.toString('base64url');
  return parts.join('.');
}

describe(FieldCipher.name, () => {
  const cipher = new FieldCipher({ keys: { k2025: OLD_KEY }, activeKeyId: 'k2025' });

  it('should round-trip text, including Arabic and the empty string', () => {
    for (const text of [PHONE, 'فاطمة الحسن', '']) expect(cipher.decrypt(cipher.encrypt(text))).toBe(text);
  });

  it('should write v1.<keyId>.<iv>.<ciphertext>.<tag> in base64url with a fresh IV each time', () => {
    const first = cipher.encrypt(PHONE);
    expect(first).toMatch(/^v1\.k2025\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$/);
    expect(first).not.toContain(PHONE);
    expect(cipher.encrypt(PHONE)).not.toBe(first);
  });

  it('should still decrypt old ciphertexts after the active key changes', () => {
    const old = cipher.encrypt(PHONE, HOUSEHOLD);
    const rotated = new FieldCipher({ keys: { k2025: OLD_KEY, k2026: NEW_KEY }, activeKeyId: 'k2026' });
    expect(rotated.decrypt(old, HOUSEHOLD)).toBe(PHONE);
    expect(rotated.keyIdOf(rotated.encrypt(PHONE))).toBe('k2026');
    expect(rotated.needsReEncryption(old)).toBe(true);
    expect(rotated.needsReEncryption(rotated.encrypt(PHONE))).toBe(false);
  });

  it('should detect tampering with the ciphertext, the tag or the IV', () => {
    const encrypted = cipher.encrypt(PHONE);
    for (const part of [2, 3, 4]) {
      expect(() => cipher.decrypt(flip(encrypted, part))).toThrow(FieldDecryptionError);
    }
  });

  it('should refuse a relabelled key id, even when that key exists', () => {
    const twoKeys = new FieldCipher({ keys: { k2025: OLD_KEY, k2026: OLD_KEY }, activeKeyId: 'k2025' });
    const relabelled = twoKeys.encrypt(PHONE).replace('.k2025.', '.k2026.');
    expect(() => twoKeys.decrypt(relabelled)).toThrow(FieldDecryptionError);
  });

  it('should refuse the wrong associated data', () => {
    const encrypted = cipher.encrypt(PHONE, HOUSEHOLD);
    expect(() => cipher.decrypt(encrypted, 'another-household')).toThrow(FieldDecryptionError);
    expect(() => cipher.decrypt(encrypted)).toThrow(FieldDecryptionError);
  });

  it('should refuse an unknown key id by name', () => {
    const other = new FieldCipher({ keys: { k1999: NEW_KEY }, activeKeyId: 'k1999' });
    expect(() => cipher.decrypt(other.encrypt(PHONE))).toThrow('Unknown field encryption key id "k1999"');
  });

  it('should refuse malformed input and truncated tags without echoing it', () => {
    for (const bad of ['', PHONE, 'v2.k2025.a.b.c', 'v1.k2025.only.four']) {
      expect(() => cipher.decrypt(bad)).toThrow(FieldDecryptionError);
    }
    const encrypted = cipher.encrypt(PHONE);
    const truncated = encrypted.slice(0, encrypted.lastIndexOf('.') + 1) + 'AAAA';
    expect(() => cipher.decrypt(truncated)).toThrow('malformed IV or tag');
    try {
      cipher.decrypt(PHONE);
    } catch (error) {
      expect(String(error)).not.toContain(PHONE);
    }
  });

  it('should be built from the FIELD_ENCRYPTION_* variables', () => {
    const fromConfig = FieldCipher.fromConfig(`k2025:${OLD_KEY.toString('base64')},k2026:${NEW_KEY.toString('base64')}`, 'k2026');
    expect(fromConfig.decrypt(cipher.encrypt(PHONE))).toBe(PHONE);
    expect(() => FieldCipher.fromConfig(`k2025:${OLD_KEY.toString('base64')}`, 'k2026')).toThrow('not among the keys');
  });

  it('should refuse keys that are not 32 bytes', () => {
    expect(() => new FieldCipher({ keys: { short: randomBytes(16) }, activeKeyId: 'short' })).toThrow('must be 32 bytes');
  });
});
