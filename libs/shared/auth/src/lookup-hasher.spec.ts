import { createHmac } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { LookupHasher } from './lookup-hasher.js';

const KEY = 'lookup-key-for-tests-0123456789abcdef';

describe(LookupHasher.name, () => {
  it('should give the HMAC-SHA256 of the value, stable across instances', () => {
    const expected = createHmac('sha256', KEY).update('+963944123456').digest('hex');
    expect(new LookupHasher(KEY).hash('+963944123456')).toBe(expected);
    expect(LookupHasher.fromConfig(KEY).hash('+963944123456')).toBe(expected);
  });

  it('should depend on the key and the value', () => {
    const hasher = new LookupHasher(KEY);
    expect(hasher.hash('+963944123456')).not.toBe(hasher.hash('+963944123457'));
    expect(new LookupHasher(`${KEY}x`).hash('+963944123456')).not.toBe(hasher.hash('+963944123456'));
  });

  it('should encode as base64url when asked', () => {
    expect(new LookupHasher(KEY, 'base64url').hash('+963944123456')).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('should refuse a short key', () => {
    expect(() => new LookupHasher('short')).toThrow('at least 32 bytes');
  });
});
