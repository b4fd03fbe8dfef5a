import { BadRequestException, Inject, Injectable } from '@nestjs/common';
import { LookupHasher } from '@awda/auth';
import { SERVICE_CONFIG } from '@awda/bootstrap';
import { readPhone, readSmsPhone } from '@awda/phone';
import type { RegistrationConfig } from '../config.js';
import type { PersonalCipher } from '../privacy/household-keys.js';

export interface PhoneColumns {
  phone_encrypted: string | null;
  phone_hash: string | null;
}

/** A phone accepted for a household, not yet encrypted (it is, with the household's data key, when written). */
export interface PhoneReading {
  e164: string | null;
  phone_hash: string | null;
}

/** The text hashed for phone search: the same E.164 number always gives the same keyed hash. */
function phoneLookupText(e164: string): string {
  return `phone:${e164}`;
}

/** A refused phone, answered like any bad field (400 VALIDATION_FAILED naming `phone`). */
export class PhoneRefusedError extends BadRequestException {
  constructor(readonly sentence: string) {
    super({ statusCode: 400, code: 'VALIDATION_FAILED', message: 'Some fields are missing or not valid', errors: [{ field: 'phone', messages: [sentence] }] });
  }
}

/**
 * A household's phone as stored and searched: only a mobile number of PHONE_COUNTRIES is kept (the
 * family is reached by SMS), encrypted, with a keyed hash of its E.164 form to find it by.
 */
@Injectable()
export class HouseholdPhones {
  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: RegistrationConfig,
    private readonly hasher: LookupHasher,
  ) {}

  /** A phone given for a household (null removes it); throws PhoneRefusedError saying why not. */
  read(input: string | null): PhoneReading {
    if (input === null) return { e164: null, phone_hash: null };
    const reading = readSmsPhone(input, this.config.PHONE_COUNTRIES);
    if (!reading.ok) throw new PhoneRefusedError(`phone ${reading.message}`);
    const { e164 } = reading.phone;
    return { e164, phone_hash: this.hasher.hash(phoneLookupText(e164)) };
  }

  /** The stored columns of an accepted phone, encrypted with the household's cipher (its data key). */
  seal(cipher: PersonalCipher, householdId: string, reading: PhoneReading): PhoneColumns {
    return { phone_encrypted: reading.e164 === null ? null : cipher.encrypt(reading.e164, householdId), phone_hash: reading.phone_hash };
  }

  /** The E.164 form of a phone the columns above would accept (for masked history values). */
  e164(input: string): string | null {
    const reading = readSmsPhone(input, this.config.PHONE_COUNTRIES);
    return reading.ok ? reading.phone.e164 : null;
  }

  /**
   * The hash a phone on record is found by: any number that exists, so that one stored before the
   * mobile-only rule is still found; null when the input cannot be a phone number at all.
   */
  lookupHash(input: string): string | null {
    const reading = readPhone(input, this.config.PHONE_COUNTRIES);
    return reading.ok ? this.hasher.hash(phoneLookupText(reading.phone.e164)) : null;
  }
}
