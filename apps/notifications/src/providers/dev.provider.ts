import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import {
  maskPhone,
  NotHandedOff,
  ProviderError,
  SendOutcomeUnknown,
  timeLeft,
  type OutgoingSms,
  type Reconciliation,
  type SendAccepted,
  type SendAttempt,
  type SendOptions,
  type SmsProvider,
} from './sms-provider.js';
import { DevOutboxRepository } from './dev-outbox.repository.js';

/**
 * Development provider: "sends" by writing the message to `<dir>/<messageId>.txt` and to the
 * dev_sms_outbox table, both keyed by message id. A second send of one message keeps the first row
 * and counts itself in hand_offs: a real provider would have sent it twice, and tests look for that.
 * written_at is when send() was first called: the hand-off instant the throttle is judged by.
 */
export class DevSmsProvider implements SmsProvider {
  readonly name = 'dev';
  private readonly logger = new Logger(DevSmsProvider.name);
  private readonly outbox = new DevOutboxRepository();

  constructor(
    private readonly dataSource: DataSource,
    private readonly dir: string,
  ) {}

  async send(sms: OutgoingSms, options?: SendOptions): Promise<SendAccepted> {
    // The hand-off is this call, not the moment a pooled connection became free to record it.
    const handedAt = new Date();
    const runner = this.dataSource.createQueryRunner();
    try {
      try {
        await runner.connect();
      } catch (error) {
        throw new ProviderError(`dev outbox unreachable: ${(error as Error).message}`, true);
      }
      // Like a network request, the hand-off happens before its deadline or not at all: checked once a
      // pooled connection is ours, and the statement is cancelled (rolled back) if it runs past it.
      const left = timeLeft(options);
      let issued = false;
      try {
        await runner.startTransaction();
        if (Number.isFinite(left)) await this.outbox.limitStatements(runner, left);
        issued = true;
        await this.outbox.record(runner, sms, maskPhone(sms.to), handedAt);
        await runner.commitTransaction();
      } catch (error) {
        if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
        const message = (error as Error).message;
        if ((error as { code?: string }).code === '57014') throw new NotHandedOff(`hand-off cancelled at its deadline; not handed off`);
        if (!issued) throw new ProviderError(`dev outbox unreachable: ${message}`, true);
        // The row may have been committed before the connection was lost: the lookup will tell.
        throw new SendOutcomeUnknown(`outcome unknown: ${message}`);
      }
    } finally {
      await runner.release();
    }
    // Handed off once the row is committed: the file is a copy for people to read, and failing to write
    // it must not make the dispatcher fail (or retry) an SMS the provider already has.
    const file = [`to: ${maskPhone(sms.to)}`, `encoding: ${sms.encoding}`, `segments: ${sms.segments}`, '', sms.text, ''].join('\n');
    await mkdir(this.dir, { recursive: true })
      .then(() => writeFile(join(this.dir, `${sms.messageId}.txt`), file, 'utf8'))
      .catch((error: unknown) => this.logger.error(`message ${sms.messageId}: dev outbox file not written: ${(error as Error).message}`));
    return { providerMessageId: `dev-${sms.messageId}` };
  }

  async reconcile({ messageId }: SendAttempt): Promise<Reconciliation> {
    return (await this.outbox.has(this.dataSource, messageId)) ? { outcome: 'sent', providerMessageId: `dev-${messageId}` } : { outcome: 'resend' };
  }
}
