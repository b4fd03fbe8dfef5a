import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { execute, pg, queryRows, z, type Row } from '@awda/persistence';
import type { DeliveryReceipt } from '../providers/sms-provider.js';

// id is a bigserial: node-postgres hands it over as a string, passed back as it came.
const receiptRow = z.object({ id: pg.text(), status: z.enum(['delivered', 'failed']), detail: pg.text().nullable() });
export type WaitingReceiptRow = Row<typeof receiptRow>;

/** What comes in from the SMS provider: inbound messages (inbound_sms) and delivery receipts (sms_receipts). */
@Injectable()
export class InboundRepository {
  /** Records an inbound SMS once per provider message; false when it was already recorded (a redelivery). */
  async recordInbound(
    manager: EntityManager,
    sms: { id: string; provider: string; providerMessageId: string; phoneHash: string; keyword: string | null; households: number },
  ): Promise<boolean> {
    const rows = await queryRows(
      manager,
      'InboundRepository.recordInbound',
      z.object({ id: pg.uuid() }),
      `INSERT INTO inbound_sms (id, provider, provider_message_id, phone_hash, keyword, households) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT ON CONSTRAINT inbound_sms_once DO NOTHING RETURNING id`,
      [sms.id, sms.provider, sms.providerMessageId, sms.phoneHash, sms.keyword, sms.households],
    );
    return rows.length > 0;
  }

  /** Serialises a send's record and the receipts for the same provider reference (transaction-scoped). */
  async lockReference(manager: EntityManager, provider: string, providerMessageId: string): Promise<void> {
    await execute(manager, `SELECT pg_advisory_xact_lock(hashtext($1))`, [`sms-receipt:${provider}:${providerMessageId}`]);
  }

  async storeReceipt(manager: EntityManager, receipt: DeliveryReceipt): Promise<void> {
    await execute(manager, `INSERT INTO sms_receipts (provider, provider_message_id, status, detail) VALUES ($1, $2, $3, $4)`, [
      receipt.provider,
      receipt.providerMessageId,
      receipt.status,
      receipt.detail ?? null,
    ]);
  }

  /** Receipts for a provider reference not applied yet, in arrival order, locked. */
  async lockWaitingReceipts(manager: EntityManager, provider: string, providerMessageId: string): Promise<WaitingReceiptRow[]> {
    return queryRows(
      manager,
      'InboundRepository.lockWaitingReceipts',
      receiptRow,
      `SELECT id, status, detail FROM sms_receipts WHERE provider = $1 AND provider_message_id = $2 AND applied_at IS NULL ORDER BY id FOR UPDATE`,
      [provider, providerMessageId],
    );
  }

  async markReceiptApplied(manager: EntityManager, receiptId: string): Promise<void> {
    await execute(manager, `UPDATE sms_receipts SET applied_at = now() WHERE id = $1`, [receiptId]);
  }
}
