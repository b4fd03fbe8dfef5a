import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { FieldCipher } from '@awda/auth';
import { HouseholdKeys } from './household-keys.js';
import { HouseholdKeysRepository } from './household-keys.repository.js';

export interface RotationProgress {
  activeKeyId: string;
  rewrapped: number;
  remaining: number;
  total: number;
}

const STEP = 200;

/**
 * Field key rotation: after FIELD_ENCRYPTION_ACTIVE_KEY names a new key (the old one still listed in
 * FIELD_ENCRYPTION_KEYS), each household's data key is unwrapped and wrapped again with the new one.
 * Personal fields are never decrypted: they stay encrypted with their household's data key. Each step
 * commits on its own and takes rows no other replica holds, so a run stopped half-way simply resumes.
 */
@Injectable()
export class KeyRotation {
  private readonly logger = new Logger(KeyRotation.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly keys: HouseholdKeys,
    private readonly fieldCipher: FieldCipher,
    private readonly repository: HouseholdKeysRepository,
  ) {}

  async rotate(batchSize: number): Promise<RotationProgress> {
    let rewrapped = 0;
    while (rewrapped < batchSize) {
      const step = await this.dataSource.transaction((manager) => this.keys.rewrapBatch(manager, Math.min(STEP, batchSize - rewrapped)));
      rewrapped += step.rewrapped;
      if (step.rewrapped === 0) break;
    }
    const progress = await this.progress();
    if (rewrapped > 0) this.logger.log(`key rotation: ${rewrapped} data key(s) re-wrapped with ${progress.activeKeyId}, ${progress.remaining} left`);
    return { ...progress, rewrapped };
  }

  async progress(): Promise<RotationProgress> {
    const counts = await this.repository.progress(this.dataSource, this.fieldCipher.activeKeyId);
    return { activeKeyId: this.fieldCipher.activeKeyId, rewrapped: 0, ...counts };
  }
}
