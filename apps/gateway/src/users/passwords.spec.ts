import { describe, expect, it } from '@jest/globals';
import { generateTemporaryPassword, hashPassword, needsRehash, passwordProblems, verifyPassword } from './passwords.js';

describe(hashPassword.name, () => {
  it('should hash with argon2id and verify only the same password', async () => {
    const stored = await hashPassword('olive-tree-by-the-river');
    expect(stored.startsWith('$argon2id$v=19$m=65536,t=3,p=1$')).toBe(true);
    expect(await verifyPassword(stored, 'olive-tree-by-the-river')).toBe(true);
    expect(await verifyPassword(stored, 'olive-tree-by-the-rivers')).toBe(false);
    expect(needsRehash(stored)).toBe(false);
  });

  it('should ask for a rehash of weaker parameters and refuse an unreadable hash without throwing', async () => {
    expect(needsRehash('$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$qnRw5u3rxlOmahtL+8hIvANZrKQTv+csKvZm4QlIcDY')).toBe(true);
    expect(needsRehash('not a hash')).toBe(true);
    expect(await verifyPassword('not a hash', 'anything')).toBe(false);
  });
});

describe(generateTemporaryPassword.name, () => {
  it('should give four groups of four unambiguous characters, different each time', () => {
    const seen = new Set(Array.from({ length: 50 }, () => generateTemporaryPassword()));
    expect(seen.size).toBe(50);
    for (const password of seen) {
      expect(password).toMatch(/^[a-hjkmnp-z2-9]{4}(-[a-hjkmnp-z2-9]{4}){3}$/);
      expect(passwordProblems(password, { username: 'amina.k' })).toEqual([]);
    }
  });
});

describe(passwordProblems.name, () => {
  it('should accept a long passphrase, in any script', () => {
    expect(passwordProblems('olive-tree-by-the-river', { username: 'amina.k' })).toEqual([]);
    expect(passwordProblems('شجرة الزيتون قرب النهر', { username: 'amina.k' })).toEqual([]);
  });

  it('should refuse a short password, the username inside it, the name inside it and common ones', () => {
    expect(passwordProblems('short-one', { username: 'amina.k' })).toEqual(['The password must be at least 12 characters long']);
    expect(passwordProblems('AMINA.K-2026-camp', { username: 'amina.k' })).toEqual(['The password must not contain the username']);
    expect(passwordProblems('hello-Amina Khalil-1', { username: 'ak', displayName: 'Amina Khalil' })).toEqual([
      'The password must not contain your name',
    ]);
    expect(passwordProblems('Password1234', { username: 'amina.k' })).toEqual(['This password is too common; choose another']);
    expect(passwordProblems('abababababab', { username: 'amina.k' })).toEqual(['The password needs more different characters']);
  });

  it('should count characters, not UTF-16 units, for the minimum length', () => {
    expect(passwordProblems('🌳🌳🌳🌳🌳🌳', { username: 'amina.k' })).toContain('The password must be at least 12 characters long');
  });
});
