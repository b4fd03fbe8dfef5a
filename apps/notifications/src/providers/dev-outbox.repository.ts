import { execute, queryRows, z, type SqlRunner } from '@awda/persistence';
import type { OutgoingSms } from './sms-provider.js';

/** dev_sms_outbox: what the development provider has "sent", keyed by message id (tests read it). */
export class DevOutboxRepository {
  /** Cancels the caller's transaction's statements that run past `ms` (a hand-off deadline). */
  async limitStatements(runner: SqlRunner, ms: number): Promise<void> {
    await execute(runner, `SELECT set_config('statement_timeout', $1, true)`, [String(Math.ceil(ms))]);
  }

  /** Records a hand-off; a second one of the same message keeps the first row and counts itself. */
  async record(runner: SqlRunner, sms: OutgoingSms, toMasked: string, handedAt: Date): Promise<void> {
    await execute(
      runner,
      `INSERT INTO dev_sms_outbox (message_id, to_masked, body, encoding, segments, written_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (message_id) DO UPDATE SET hand_offs = dev_sms_outbox.hand_offs + 1`,
      [sms.messageId, toMasked, sms.text, sms.encoding, sms.segments, handedAt],
    );
  }

  async has(runner: SqlRunner, messageId: string): Promise<boolean> {
    const rows = await queryRows(runner, 'DevOutboxRepository.has', z.object({}), `SELECT 1 FROM dev_sms_outbox WHERE message_id = $1`, [messageId]);
    return rows.length > 0;
  }
}
