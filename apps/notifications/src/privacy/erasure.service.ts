import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope, HouseholdErasedV1 } from '@awda/contracts';
import { Inbox } from '@awda/messaging';
import { NotificationsConfig } from '../config.js';
import { ErasureRepository } from './erasure.repository.js';

/**
 * household.erased: drops what notifications holds about the household in clear or under the field
 * key — its phone and phone hash, the texts and parameters of its messages, their copies in the dev
 * outbox (rows and files), error details, inbound SMS from its phone — and cancels what was still
 * queued. The messages themselves stay (template, status, segments): the counts do not change.
 */
@Injectable()
export class ErasureService {
  private readonly logger = new Logger(ErasureService.name);

  constructor(
    private readonly inbox: Inbox,
    private readonly config: NotificationsConfig,
    private readonly erasures: ErasureRepository,
  ) {}

  async erased(event: EventEnvelope<HouseholdErasedV1>): Promise<void> {
    const { householdId, campId } = event.data;
    let messageIds: string[] = [];
    await this.inbox.process(event, async (manager) => {
      messageIds = await this.drop(manager, householdId, campId);
    });
    // The dev provider's files are copies for people to read; gone too (after the commit: a retry finds none).
    const dir = this.config.SMS_DEV_OUTBOX_DIR;
    await this.inbox.afterCommit(async () => {
      await Promise.all(messageIds.map((id) => rm(join(dir, `${id}.txt`), { force: true })));
      this.logger.log(`household ${householdId}: personal data dropped (${messageIds.length} message(s))`);
    });
  }

  private async drop(manager: EntityManager, householdId: string, campId: string): Promise<string[]> {
    const phoneHash = await this.erasures.markErased(manager, householdId, campId);
    // Its replies (their texts) and survey answers go, and nothing more is asked: open and scheduled
    // conversations (a survey not yet asked) are closed.
    await this.erasures.dropConversations(manager, householdId);
    // Inbound SMS are kept by phone: those from its phone go unless another household still has that phone
    // (with the replies that point at them, which then belong to households erased too).
    if (phoneHash !== null) await this.erasures.dropInbound(manager, householdId, phoneHash);
    await this.erasures.dropPhone(manager, householdId);
    await this.erasures.cancelQueued(manager, householdId);
    const messages = await this.erasures.blankMessages(manager, householdId);
    await this.erasures.blankCopies(manager, messages);
    return messages.map((m) => m.id);
  }
}
