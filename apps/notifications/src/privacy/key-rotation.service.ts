import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { FieldCipher } from '@awda/auth';
import { FIELD_KEY_COLUMNS, KeyRotationRepository } from './key-rotation.repository.js';

export interface NotificationsRotationProgress {
  activeKeyId: string;
  /** Values re-encrypted with the active field key by this call. */
  reencrypted: number;
  /** Values still encrypted with another field key (phones, reply texts, flag notes). */
  remaining: number;
  total: number;
}

const STEP = 200;

/**
 * Field key rotation reaching notifications: the phones it keeps (copied from contact.changed, encrypted
 * by registration with the field key, so that SMS can be sent), the texts of inbound replies and the
 * supervisors' flag notes are re-encrypted with the active field key, so that the old key can be retired
 * without losing a phone. They stay under the field key, not a household data key: notifications must
 * read the phone without asking registration, and erasure nulls them here (household.erased) rather than
 * relying on crypto-shredding. Each step commits on its own and skips rows another replica holds:
 * stopped half-way, the next call resumes; values arriving meanwhile under the old key are counted in
 * `remaining` and taken by the next call.
 */
@Injectable()
export class NotificationsKeyRotation {
  private readonly logger = new Logger(NotificationsKeyRotation.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly rotations: KeyRotationRepository,
    private readonly cipher: FieldCipher,
  ) {}

  async rotate(batchSize: number): Promise<NotificationsRotationProgress> {
    let reencrypted = 0;
    for (const target of FIELD_KEY_COLUMNS) {
      while (reencrypted < batchSize) {
        const done = await this.dataSource.transaction(async (manager) => {
          const values = await this.rotations.lockBatch(manager, target, this.cipher.activeKeyId, Math.min(STEP, batchSize - reencrypted));
          for (const value of values) {
            const reencryptedValue = this.cipher.encrypt(this.cipher.decrypt(value.encrypted, value.household_id), value.household_id);
            await this.rotations.save(manager, target, value.row_key, reencryptedValue);
          }
          return values.length;
        });
        reencrypted += done;
        if (done === 0) break;
      }
    }
    const progress = await this.progress();
    if (reencrypted > 0) this.logger.log(`key rotation: ${reencrypted} value(s) re-encrypted with ${progress.activeKeyId}, ${progress.remaining} left`);
    return { ...progress, reencrypted };
  }

  async progress(): Promise<NotificationsRotationProgress> {
    let total = 0;
    let remaining = 0;
    for (const target of FIELD_KEY_COLUMNS) {
      const counts = await this.rotations.progress(this.dataSource.manager, target, this.cipher.activeKeyId);
      total += counts.total;
      remaining += counts.remaining;
    }
    return { activeKeyId: this.cipher.activeKeyId, reencrypted: 0, remaining, total };
  }
}
