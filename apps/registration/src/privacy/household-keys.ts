import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { FieldCipher, FieldDecryptionError } from '@awda/auth';
import { DomainError } from '@awda/bootstrap';
import { HouseholdKeysRepository, type NewHouseholdKey } from './household-keys.repository.js';

/** The key id a household data key's ciphertexts carry (`v1.household.…`); no field key may use it. */
export const HOUSEHOLD_KEY_ID = 'household';
const DATA_KEY_BYTES = 32;

/** Encrypts and decrypts one household's personal fields. */
export interface PersonalCipher {
  encrypt(plaintext: string, associatedData?: string): string;
  decrypt(encrypted: string, associatedData?: string): string;
}

/** A household whose data key was destroyed: nothing personal can be written or read again. */
export class HouseholdErasedError extends DomainError {
  constructor() {
    super('REGISTRATION.HOUSEHOLD_ERASED', "This household's personal data was erased; it can no longer be read or changed.", 410);
  }
}

// The wrapped key is bound to its household: copied to another row it does not unwrap.
const wrapBinding = (householdId: string): string => `household-key:${householdId}`;

/**
 * One household's cipher: new values are encrypted with the household's own data key; values written
 * before data keys existed (encrypted with the field key) still decrypt, and are gone with erasure too.
 */
export class HouseholdCipher implements PersonalCipher {
  private readonly own: FieldCipher;

  constructor(dataKey: Uint8Array, private readonly fieldCipher: FieldCipher) {
    this.own = new FieldCipher({ keys: { [HOUSEHOLD_KEY_ID]: dataKey }, activeKeyId: HOUSEHOLD_KEY_ID });
  }

  encrypt(plaintext: string, associatedData?: string): string {
    return this.own.encrypt(plaintext, associatedData);
  }

  decrypt(encrypted: string, associatedData?: string): string {
    return this.fieldCipher.keyIdOf(encrypted) === HOUSEHOLD_KEY_ID
      ? this.own.decrypt(encrypted, associatedData)
      : this.fieldCipher.decrypt(encrypted, associatedData);
  }
}

/**
 * The shelter location as written: encrypted with the household's key since data keys exist; a value
 * stored in clear before that (not in the ciphertext form) is returned as it is.
 */
export function openShelter(cipher: PersonalCipher, household: { id: string; shelterLocation: string | null }): string | null {
  return household.shelterLocation === null ? null : openStored(cipher, household.shelterLocation, household.id);
}

/** A text column encrypted since data keys exist and stored in clear before (shelter, guardian's name). */
export function openStored(cipher: PersonalCipher, stored: string, householdId: string): string {
  if (!/^v1\.[A-Za-z0-9_-]{1,32}\./.test(stored)) return stored;
  try {
    return cipher.decrypt(stored, householdId);
  } catch (error) {
    if (error instanceof FieldDecryptionError && !stored.startsWith(`v1.${HOUSEHOLD_KEY_ID}.`)) return stored;
    throw error;
  }
}

/**
 * Per-household data keys (crypto-shredding): a random 256-bit key per household, stored wrapped by the
 * active field key (its id kept in key_id for rotation). Erasure destroys the wrapped key, after which
 * every ciphertext made with it — in this database, its backups and the event stream — is unreadable.
 */
@Injectable()
export class HouseholdKeys {
  constructor(
    private readonly fieldCipher: FieldCipher,
    private readonly repository: HouseholdKeysRepository,
  ) {
    if (fieldCipher.activeKeyId === HOUSEHOLD_KEY_ID) {
      throw new Error(`FIELD_ENCRYPTION_ACTIVE_KEY must not be "${HOUSEHOLD_KEY_ID}" (reserved for household data keys)`);
    }
  }

  /**
   * The cipher of a household read with HOUSEHOLD_COLUMNS (its wrapped key comes with it). A household
   * registered before data keys existed (no key yet) keeps the field key until it is given one.
   */
  cipherOf(household: { id: string; wrappedKey: string | null; erasedAt: Date | null }): PersonalCipher {
    if (household.erasedAt !== null) throw new HouseholdErasedError();
    if (household.wrappedKey === null) return this.fieldCipher;
    return new HouseholdCipher(this.unwrap(household.wrappedKey, household.id), this.fieldCipher);
  }

  /**
   * A new data key for one household about to be inserted, not stored yet: the caller stores `key`
   * in the statement that inserts the household (HouseholdsRepository.insertIfAreaExists), saving a round trip.
   */
  prepareOne(householdId: string): { cipher: HouseholdCipher; key: NewHouseholdKey } {
    const dataKey = randomBytes(DATA_KEY_BYTES);
    return { cipher: new HouseholdCipher(dataKey, this.fieldCipher), key: this.wrap(householdId, dataKey.toString('base64')) };
  }

  /** New data keys for households about to be inserted (in the inserting transaction). */
  async create(manager: EntityManager, householdIds: string[]): Promise<Map<string, HouseholdCipher>> {
    const ciphers = new Map<string, HouseholdCipher>();
    if (householdIds.length === 0) return ciphers;
    const keys = householdIds.map((id) => {
      const key = randomBytes(DATA_KEY_BYTES);
      ciphers.set(id, new HouseholdCipher(key, this.fieldCipher));
      return this.wrap(id, key.toString('base64'));
    });
    await this.repository.insert(manager, keys);
    return ciphers;
  }

  /** The household's cipher, creating its data key on first use; throws HouseholdErasedError after erasure. */
  async cipherFor(manager: EntityManager, householdId: string): Promise<HouseholdCipher> {
    let row = await this.repository.find(manager, householdId);
    if (row === undefined) {
      // Two transactions may create it at once: the second waits, inserts nothing and reads the first's.
      await this.repository.insertIfAbsent(manager, this.wrap(householdId, randomBytes(DATA_KEY_BYTES).toString('base64')));
      row = await this.repository.find(manager, householdId);
    }
    if (row === undefined || row.wrapped_key === null || row.erased_at !== null) throw new HouseholdErasedError();
    return new HouseholdCipher(this.unwrap(row.wrapped_key, householdId), this.fieldCipher);
  }

  /** A data key (base64) wrapped by the active field key, bound to its household. */
  private wrap(householdId: string, dataKey: string): NewHouseholdKey {
    const wrapped = this.fieldCipher.encrypt(dataKey, wrapBinding(householdId));
    return { household_id: householdId, wrapped_key: wrapped, key_id: this.fieldCipher.keyIdOf(wrapped) };
  }

  private unwrap(wrappedKey: string, householdId: string): Buffer {
    return Buffer.from(this.fieldCipher.decrypt(wrappedKey, wrapBinding(householdId)), 'base64');
  }

  /** Destroys the household's data key (a tombstone stays so that no new key is ever made for it). */
  async destroy(manager: EntityManager, householdId: string): Promise<void> {
    await this.repository.destroy(manager, householdId);
  }

  /**
   * Key rotation: re-wraps up to `batch` data keys not wrapped by the active field key, without touching
   * any personal field. Resumable (each batch commits on its own); returns how many were re-wrapped and left.
   */
  async rewrapBatch(manager: EntityManager, batch: number): Promise<{ rewrapped: number; remaining: number }> {
    const rows = await this.repository.lockWrappedByOther(manager, this.fieldCipher.activeKeyId, batch);
    for (const r of rows) await this.repository.saveWrapped(manager, this.wrap(r.household_id, this.fieldCipher.decrypt(r.wrapped_key, wrapBinding(r.household_id))));
    return { rewrapped: rows.length, remaining: await this.repository.countWrappedByOther(manager, this.fieldCipher.activeKeyId) };
  }
}
