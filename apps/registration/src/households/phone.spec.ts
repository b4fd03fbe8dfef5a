import { describe, expect, it } from '@jest/globals';
import { toE164 } from './phone.js';

describe(toE164.name, () => {
  it('should read a local and an international Syrian mobile as the same number', () => {
    expect(toE164('0944 123 456')).toBe('+963944123456');
    expect(toE164('+963 944 123 456')).toBe('+963944123456');
    expect(toE164('00963944123456')).toBe('+963944123456');
  });

  it('should refuse what is not a phone number', () => {
    expect(toE164('12')).toBeUndefined();
    expect(toE164('not a phone')).toBeUndefined();
  });
});
