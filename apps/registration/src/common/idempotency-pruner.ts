import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { FieldCipher } from '@awda/auth';
import { SERVICE_CONFIG } from '@awda/bootstrap';
import { describeError } from '@awda/observability';
import type { RegistrationConfig } from '../config.js';
import { IdempotencyKeysRepository } from './idempotency-keys.repository.js';
import { idempotentAnswerBinding } from './idempotency.interceptor.js';

const EVERY_MS = 10 * 60_000;
const BATCH = 1000;

/**
 * Forgets Idempotency-Keys older than IDEMPOTENCY_KEY_TTL_HOURS, and encrypts answers stored in clear
 * before answers were encrypted. Safe with several replicas: each batch takes only rows no other
 * replica holds (SKIP LOCKED), and deleting or encrypting a row twice is impossible.
 */
@Injectable()
export class IdempotencyPruner implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(IdempotencyPruner.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly cipher: FieldCipher,
    private readonly keys: IdempotencyKeysRepository,
    @Inject(SERVICE_CONFIG) private readonly config: RegistrationConfig,
  ) {}

  onApplicationBootstrap(): void {
    // A hybrid Nest app calls bootstrap hooks twice; one timer only.
    if (this.timer !== undefined) return;
    this.timer = setInterval(() => this.kick(), EVERY_MS);
    this.timer.unref();
    this.kick();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  private kick(): void {
    this.running ??= this.run()
      .catch((error: unknown) => this.logger.warn(`idempotency keys not pruned, tried again later: ${describeError(error)}`))
      .finally(() => (this.running = undefined));
  }

  /** One pass: answers in clear encrypted, expired keys deleted. Returns what it did. */
  async run(): Promise<{ encrypted: number; deleted: number }> {
    let encrypted = 0;
    for (let n = BATCH; n === BATCH; encrypted += n) n = await this.encryptBatch();
    let deleted = 0;
    for (let n = BATCH; n === BATCH; deleted += n) {
      n = await this.keys.deleteExpired(this.dataSource, this.config.IDEMPOTENCY_KEY_TTL_HOURS, BATCH);
    }
    if (deleted > 0 || encrypted > 0) this.logger.log(`idempotency keys: ${deleted} expired removed, ${encrypted} stored answers encrypted`);
    return { encrypted, deleted };
  }

  private async encryptBatch(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows = await this.keys.lockClearAnswers(manager, BATCH);
      for (const row of rows) {
        await this.keys.replaceClearAnswer(manager, row.actor, row.key, this.cipher.encrypt(JSON.stringify(row.response), idempotentAnswerBinding(row.actor, row.key)));
      }
      return rows.length;
    });
  }
}
