import { describe, expect, it } from '@jest/globals';
import { FieldCipher } from '@awda/auth';
import { maskDocument, maskPhone, openDetail, recordDetail } from './change-values.js';

const cipher = new FieldCipher({ keys: { k1: new Uint8Array(32).fill(7) }, activeKeyId: 'k1' });
const HH = '0190a000-0000-7000-8000-000000000001';

describe(maskPhone.name, () => {
  it('should keep only the last four digits', () => {
    expect(maskPhone('+963944123456')).toBe('•••• 3456');
    expect(maskPhone(null)).toBeNull();
    expect(maskPhone('+9631')).toBe('••••');
  });
});

describe(maskDocument.name, () => {
  it('should keep the type and the last three characters of a long enough number', () => {
    expect(maskDocument({ type: 'national_id', number: '0201-5000-1234' })).toBe('national_id •••• 234');
    expect(maskDocument({ type: 'camp_card', number: 'C-12' })).toBe('camp_card ••••');
  });
});

describe(recordDetail.name, () => {
  it('should keep personal values and the member’s name sealed, and open them for a reader', () => {
    const detail = recordDetail(cipher, HH, {
      member: { id: 'm1', fullNameAr: 'سامر بشير الحمود', fullNameLatin: null },
      values: { needs: { from: [], to: ['DIS'] } },
      personal: { dateOfBirth: { from: '1980-01-01', to: '1981-01-01' } },
    });
    expect(JSON.stringify(detail)).not.toMatch(/سامر|1980|1981/);
    expect(openDetail(cipher, HH, detail)).toEqual({
      detail: { memberId: 'm1' },
      values: { needs: { from: [], to: ['DIS'] }, dateOfBirth: { from: '1980-01-01', to: '1981-01-01' } },
      member: { fullNameAr: 'سامر بشير الحمود', fullNameLatin: null },
    });
  });
});
