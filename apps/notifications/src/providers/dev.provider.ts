import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { maskPhone, type OutgoingSms, type Reconciliation, type SendAccepted, type SendAttempt, type SmsProvider } from './sms-provider.js';

/**
 * Development provider: "sends" by writing the message to `<dir>/<messageId>.txt` and to the
 * dev_sms_outbox table, both keyed by message id. A second send of one message keeps the first row
 * and counts itself in hand_offs: a real provider would have sent it twice, and tests look for that.
 * written_at is when send() was first called: the hand-off instant the throttle is judged by.
 */
export class DevSmsProvider implements SmsProvider {
  readonly name = 'dev';

  constructor(
    private readonly dataSource: DataSource,
    private readonly dir: string,
  ) {}

  async send(sms: OutgoingSms): Promise<SendAccepted> {
    // The hand-off is this call, not the moment a pooled connection became free to record it.
    const handedAt = new Date();
    await this.dataSource.query(
      `INSERT INTO dev_sms_outbox (message_id, to_masked, body, encoding, segments, written_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (message_id) DO UPDATE SET hand_offs = dev_sms_outbox.hand_offs + 1`,
      [sms.messageId, maskPhone(sms.to), sms.text, sms.encoding, sms.segments, handedAt],
    );
    await mkdir(this.dir, { recursive: true });
    const file = [`to: ${maskPhone(sms.to)}`, `encoding: ${sms.encoding}`, `segments: ${sms.segments}`, '', sms.text, ''].join('\n');
    await writeFile(join(this.dir, `${sms.messageId}.txt`), file, 'utf8');
    return { providerMessageId: `dev-${sms.messageId}` };
  }

  async reconcile({ messageId }: SendAttempt): Promise<Reconciliation> {
    const rows: unknown[] = await this.dataSource.query(`SELECT 1 FROM dev_sms_outbox WHERE message_id = $1`, [messageId]);
    return rows.length > 0 ? { outcome: 'sent', providerMessageId: `dev-${messageId}` } : { outcome: 'resend' };
  }
}
