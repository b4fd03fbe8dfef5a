import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { LookupHasher } from '@awda/auth';
import { RECIPIENT_OPTED_IN_V1, RECIPIENT_OPTED_OUT_V1 } from '@awda/contracts';
import { Outbox } from '@awda/messaging';
import { readSenderPhone } from '@awda/phone';
import { parseKeyword } from '@awda/sms-text';
import { CLOCK, type Clock } from '../clock.js';
import { ConversationsService, type ReplyEffect } from '../conversations/conversations.service.js';
import { MessagesRepository } from '../messages/messages.repository.js';
import { RecipientsRepository } from '../recipients/recipients.repository.js';
import { InboundRepository } from './inbound.repository.js';
import type { InboundSms } from '../providers/sms-provider.js';

export interface InboundOutcome {
  keyword: 'stop' | 'start' | null;
  households: number;
  duplicate: boolean;
  /** What a reply that is not STOP/START did to the household's open conversation. */
  reply?: ReplyEffect;
}

/**
 * SMS from families. STOP (in Arabic, Kurdish or English) opts every household reached at that
 * phone out, START back in, whatever conversation is open; any other text is a reply to the
 * households' open conversation (ConversationsService). The phone is matched by its keyed hash,
 * never by decrypting; each provider message id is processed once (inbound_sms_once).
 */
@Injectable()
export class InboundService {
  private readonly logger = new Logger(InboundService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly hasher: LookupHasher,
    private readonly recipients: RecipientsRepository,
    private readonly store: MessagesRepository,
    private readonly inbound: InboundRepository,
    private readonly outbox: Outbox,
    private readonly conversations: ConversationsService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async receive(sms: InboundSms): Promise<InboundOutcome> {
    const phone = readSenderPhone(sms.from);
    const keyword = parseKeyword(sms.text);
    if (!phone) return { keyword, households: 0, duplicate: false };
    const phoneHash = this.hasher.hash(phone);
    return this.dataSource.transaction(async (manager) => {
      const households = await this.recipients.lockByPhoneHash(manager, phoneHash);
      const id = uuidv7();
      const recorded = await this.inbound.recordInbound(manager, {
        id,
        provider: sms.provider,
        providerMessageId: sms.providerMessageId,
        phoneHash,
        keyword,
        households: households.length,
      });
      if (!recorded) return { keyword, households: households.length, duplicate: true };
      this.logger.log(`inbound SMS ${id}: keyword ${keyword ?? 'none'}, ${households.length} household(s)`);
      if (!keyword) {
        if (households.length === 0) return { keyword, households: 0, duplicate: false };
        const reply = await this.conversations.onReply(manager, id, households, sms.text);
        return { keyword, households: households.length, duplicate: false, reply };
      }
      const optOut = keyword === 'stop';
      const changed = households.filter((h) => h.opted_out !== optOut);
      const at = new Date().toISOString();
      for (const household of changed) {
        await this.recipients.setOptOut(manager, household.household_id, optOut);
        const data = { householdId: household.household_id, campId: household.camp_id, at };
        if (optOut) await this.outbox.enqueue(manager, RECIPIENT_OPTED_OUT_V1, data);
        else await this.outbox.enqueue(manager, RECIPIENT_OPTED_IN_V1, data);
      }
      // One confirmation per phone, even when several households share it.
      const first = changed[0];
      if (first) {
        await this.store.create(manager, first.household_id, first.camp_id, { eventId: id, subject: `inbound.${keyword}` }, [
          { template: optOut ? 'opted_out' : 'opted_in', params: {}, dueAt: this.clock.now(), expiresAt: null, convoyId: null },
        ]);
      }
      return { keyword, households: households.length, duplicate: false };
    });
  }
}
