import { Injectable } from '@nestjs/common';
import type { EventEnvelope } from '@awda/contracts';
import { Inbox } from '@awda/messaging';
import { factUpdates } from '../projection/fact-updates.js';
import { FactsRepository } from './facts.repository.js';

/** Applies a domain event to the read model once (idempotent inbox), whatever order events come in. */
@Injectable()
export class FactsProjection {
  constructor(
    private readonly inbox: Inbox,
    private readonly facts: FactsRepository,
  ) {}

  async apply(event: EventEnvelope): Promise<void> {
    const updates = factUpdates(event.type, event.data);
    if (updates.length === 0) return;
    await this.inbox.process(event, (manager) => this.facts.apply(manager, updates));
  }
}
