import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { FieldCipher } from '@awda/auth';
import { CLOCK, type Clock } from '../clock.js';
import { NotificationsConfig } from '../config.js';
import { ReceiptsService } from '../inbound/receipts.service.js';
import { MessagesRepository, type StaleRow } from '../messages/messages.repository.js';
import { SMS_PROVIDER, type Reconciliation, type SmsProvider } from '../providers/sms-provider.js';
import { retryDelayMs } from './throttle.js';

/**
 * Settles messages left `sending` past their lease — their dispatcher crashed, or the provider's
 * answer was lost — by asking the provider whether it has them: recorded as sent, requeued to be
 * resent (only when the provider certainly does not have them), or failed when nobody can tell.
 * Never resends blindly. The dispatcher runs it at the start of every round.
 */
@Injectable()
export class Reconciler {
  private readonly logger = new Logger(Reconciler.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly store: MessagesRepository,
    private readonly receipts: ReceiptsService,
    private readonly cipher: FieldCipher,
    private readonly config: NotificationsConfig,
    @Inject(SMS_PROVIDER) private readonly provider: SmsProvider,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * Asks the provider about messages `sending` for longer than the lease. The lookup runs outside
   * any transaction (it is network I/O); its answer is applied guarded by the attempt id, so a
   * replica that settled the row meanwhile wins and this answer is dropped.
   */
  async reconcileStale(running: () => boolean = () => true): Promise<void> {
    for (let i = 0; i < 100 && running(); i += 1) {
      const row = await this.reserveStale();
      if (!row) return;
      let answer: Reconciliation;
      try {
        answer = await this.lookUp(row);
        await this.applyReconciliation(row, answer);
      } catch (error) {
        // Whatever broke (a sid another message holds, a lost connection) counts as a failed lookup.
        const reason = `reconciliation failed: ${(error as Error).message}`;
        await this.applyReconciliation(row, { outcome: 'retry', reason, lookupFailed: true }).catch((again: unknown) =>
          this.logger.error(`message ${row.id}: ${reason}; not recorded: ${(again as Error).message}`),
        );
      }
    }
  }

  /**
   * Takes one stale `sending` row for a lookup: its lookup_after moves a lease ahead, so another
   * replica (or round) does not ask the provider about it at the same time; a crash mid-lookup
   * leaves it to be asked again after that lease.
   */
  private async reserveStale(): Promise<StaleRow | undefined> {
    return this.store.reserveStale(this.dataSource, this.config.SMS_SENDING_LEASE_MS / 1000);
  }

  private async lookUp(row: StaleRow): Promise<Reconciliation> {
    let to: string;
    try {
      // Decrypted only for the provider's lookup; never logged.
      to = this.cipher.decrypt(row.phone_encrypted ?? '', row.household_id);
    } catch {
      return { outcome: 'retry', reason: 'cannot read the phone to look the message up', lookupFailed: true };
    }
    return this.provider.reconcile({ messageId: row.id, to, text: row.body ?? '', attemptedAt: new Date(row.sending_at) });
  }

  private async applyReconciliation(row: StaleRow, answer: Reconciliation): Promise<void> {
    const attemptId = row.attempt_id;
    if (answer.outcome === 'sent') {
      await this.receipts.markSent(row.id, attemptId, this.provider.name, answer.providerMessageId, 'reconciled: the provider has it');
      return;
    }
    await this.dataSource.transaction(async (manager) => {
      if (answer.outcome === 'resend') {
        if (row.attempts >= this.config.SMS_MAX_ATTEMPTS) {
          const reason = `not with the provider after ${row.attempts} attempts; not resent`;
          await this.store.transition(manager, row.id, 'failed', { last_error: reason }, `reconciled: ${reason}`, { attemptId });
          return;
        }
        await this.store.transition(
          manager,
          row.id,
          'queued',
          { attempt_id: null, due_at: this.clock.now(), lookup_after: null, failed_lookups: 0 },
          'reconciled: not with the provider, resending',
          { attemptId },
        );
      } else if (answer.outcome === 'unknown') {
        await this.store.transition(manager, row.id, 'failed', { last_error: 'outcome unknown after a crash; not resent' }, 'reconciled: outcome unknown', { attemptId });
      } else if (!answer.lookupFailed) {
        const after = answer.notBefore ?? new Date(Date.now() + this.config.SMS_RETRY_BASE_MS);
        await this.store.note(manager, row.id, 'sending', { lookup_after: after }, `reconcile: ${answer.reason}; asking again after ${after.toISOString()}`, { attemptId });
      } else {
        const failures = row.failed_lookups + 1;
        if (failures >= this.config.SMS_MAX_ATTEMPTS) {
          const reason = `outcome unknown: ${failures} lookups at the provider failed (last: ${answer.reason}); not resent`;
          await this.store.transition(manager, row.id, 'failed', { last_error: reason }, reason, { attemptId });
          return;
        }
        const after = new Date(Date.now() + retryDelayMs(failures, this.config.SMS_RETRY_BASE_MS, this.config.SMS_RETRY_MAX_MS));
        await this.store.note(
          manager,
          row.id,
          'sending',
          { lookup_after: after, failed_lookups: 'increment', last_error: answer.reason },
          `reconcile: ${answer.reason}; asking again (${failures} of ${this.config.SMS_MAX_ATTEMPTS})`,
          { attemptId },
        );
      }
    });
  }
}
