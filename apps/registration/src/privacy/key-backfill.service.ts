import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { HOUSEHOLD_KEY_ID, HouseholdKeys, openStored } from './household-keys.js';
import { KeyBackfillRepository, type LegacyHousehold } from './key-backfill.repository.js';

export interface BackfillProgress {
  /** False when another replica holds the backfill's lock: nothing was done by this call. */
  ran: boolean;
  /** Households given their data key (or whose last legacy values were re-encrypted) by this call. */
  backfilled: number;
  /** Households (not erased) still holding a value not encrypted with their own data key. */
  remaining: number;
  /** Households not erased. */
  total: number;
}

const STEP = 100;
const OWN_PREFIX = `v1.${HOUSEHOLD_KEY_ID}.`;

/**
 * Data-key backfill: households registered before per-household data keys existed hold their personal
 * fields encrypted with the field key (shelter and guardian's name possibly in clear). Each such household
 * is given a data key and every legacy value is re-encrypted with it, so that erasure (destroying that key)
 * crypto-shreds them too. Idempotent (only values not yet under the household's key are touched) and
 * resumable (each batch of households commits on its own, rows locked as an edit locks them); one
 * replica at a time (a PostgreSQL advisory lock).
 */
@Injectable()
export class KeyBackfill {
  private readonly logger = new Logger(KeyBackfill.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly keys: HouseholdKeys,
    private readonly backfills: KeyBackfillRepository,
  ) {}

  async backfill(batchSize: number): Promise<BackfillProgress> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      if (!(await this.backfills.tryLock(runner.manager))) return { ran: false, backfilled: 0, ...(await this.progressOf()) };
      let backfilled = 0;
      try {
        while (backfilled < batchSize) {
          const done = await this.dataSource.transaction((manager) => this.step(manager, Math.min(STEP, batchSize - backfilled)));
          backfilled += done;
          if (done === 0) break;
        }
      } finally {
        await this.backfills.unlock(runner.manager);
      }
      const progress = await this.progressOf();
      if (backfilled > 0) this.logger.log(`data-key backfill: ${backfilled} household(s) done, ${progress.remaining} left`);
      return { ran: true, backfilled, ...progress };
    } finally {
      await runner.release();
    }
  }

  async progress(): Promise<BackfillProgress> {
    return { ran: false, backfilled: 0, ...(await this.progressOf()) };
  }

  private progressOf(): Promise<{ total: number; remaining: number }> {
    return this.backfills.progress(this.dataSource.manager);
  }

  private async step(manager: EntityManager, limit: number): Promise<number> {
    const households = await this.backfills.lockBatch(manager, limit);
    for (const household of households) await this.backfillOne(manager, household);
    return households.length;
  }

  private async backfillOne(manager: EntityManager, household: LegacyHousehold): Promise<void> {
    const id = household.id;
    const cipher = await this.keys.cipherFor(manager, id);
    const seal = (value: string, open: (stored: string) => string): string => (value.startsWith(OWN_PREFIX) ? value : cipher.encrypt(open(value), id));
    const decrypt = (stored: string): string => cipher.decrypt(stored, id);
    const stored = (text: string): string => openStored(cipher, text, id);
    await this.backfills.saveHousehold(
      manager,
      id,
      household.phone_encrypted === null ? null : seal(household.phone_encrypted, decrypt),
      household.shelter_location === null ? null : seal(household.shelter_location, stored),
    );
    for (const document of await this.backfills.documents(manager, id)) {
      await this.backfills.saveDocument(manager, document.id, seal(document.number_encrypted, decrypt));
    }
    for (const consent of await this.backfills.guardianConsents(manager, id)) {
      await this.backfills.saveGuardianConsent(
        manager,
        consent.id,
        blankOr(consent.guardian_name, (name) => seal(name, stored)),
        blankOr(consent.contact_phone_encrypted, (phone) => seal(phone, decrypt)),
      );
    }
    for (const entry of await this.backfills.timeline(manager, id)) {
      await this.backfills.saveTimelineEntry(manager, entry.id, seal(entry.sealed, decrypt));
    }
  }
}

/** null and '' (a blanked value) stay as they are. */
function blankOr(value: string | null, convert: (value: string) => string): string | null {
  return value === null || value === '' ? value : convert(value);
}

