import { randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { FieldCipher, FieldDecryptionError } from '@awda/auth';
import { DEV_FIELD_ENCRYPTION_ACTIVE_KEY, DEV_FIELD_ENCRYPTION_KEYS } from '@awda/config';
import { answeredHousehold } from '../common/idempotency.interceptor.js';
import { parseCampDays } from '../config.js';
import { HouseholdCipher, openStored } from './household-keys.js';

const field = FieldCipher.fromConfig(DEV_FIELD_ENCRYPTION_KEYS, DEV_FIELD_ENCRYPTION_ACTIVE_KEY);
const id = '01a24c7e-a49e-7590-ab5b-076cfc384e38';

describe(HouseholdCipher.name, () => {
  it("should encrypt with the household's own key, which the field key cannot open", () => {
    const cipher = new HouseholdCipher(randomBytes(32), field);
    const sealed = cipher.encrypt('+963944123456', id);
    expect(sealed.startsWith('v1.household.')).toBe(true);
    expect(cipher.decrypt(sealed, id)).toBe('+963944123456');
    expect(() => field.decrypt(sealed, id)).toThrow(FieldDecryptionError);
    expect(() => new HouseholdCipher(randomBytes(32), field).decrypt(sealed, id)).toThrow(FieldDecryptionError);
  });

  it('should still read a value written with the field key before data keys existed', () => {
    const cipher = new HouseholdCipher(randomBytes(32), field);
    expect(cipher.decrypt(field.encrypt('0201-5000-1234', id), id)).toBe('0201-5000-1234');
  });
});

describe('openStored', () => {
  it('should open an encrypted value and return one stored in clear as it is', () => {
    const cipher = new HouseholdCipher(randomBytes(32), field);
    expect(openStored(cipher, cipher.encrypt('Sector C, tent 14', id), id)).toBe('Sector C, tent 14');
    expect(openStored(cipher, 'Sector C, tent 14', id)).toBe('Sector C, tent 14');
    expect(() => openStored(new HouseholdCipher(randomBytes(32), field), cipher.encrypt('x', id), id)).toThrow(FieldDecryptionError);
  });
});

describe('parseCampDays', () => {
  it('should read camp:days lists and refuse anything else', () => {
    expect(parseCampDays('mahmoudli:180, al-hol:730')).toEqual({ mahmoudli: 180, 'al-hol': 730 });
    expect(parseCampDays('')).toEqual({});
    expect(parseCampDays('mahmoudli')).toBeNull();
    expect(parseCampDays('mahmoudli:0')).toBeNull();
    expect(parseCampDays('mahmoudli:-3')).toBeNull();
  });
});

describe('answeredHousehold', () => {
  it('should name the household of a stored answer from its path, or the one a registration created', () => {
    expect(answeredHousehold(`POST /households/${id}/consents`, { version: 2 })).toBe(id);
    expect(answeredHousehold('POST /households', { id })).toBe(id);
    expect(answeredHousehold('POST /imports?dryRun=false', { id })).toBeNull();
  });
});
