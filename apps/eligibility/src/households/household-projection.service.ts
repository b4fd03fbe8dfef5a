import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type {
  EventEnvelope,
  HouseholdClosedV1,
  HouseholdRegisteredV1,
  HouseholdUpdatedV1,
  HouseholdWithdrawnV1,
} from '@awda/contracts';
import { Inbox } from '@awda/messaging';
import { Assessor } from '../assessments/assessor.js';
import { applySnapshot, applyStatusEvent, type HouseholdRecord, type StatusEventFacts } from './household-record.js';
import { HouseholdsRepository } from './households.repository.js';

/**
 * Keeps the household facts eligibility needs from registration's events and re-evaluates the
 * household whenever they change. An event older than what is known changes nothing; a repeated
 * event is skipped by the inbox.
 */
@Injectable()
export class HouseholdProjection {
  private readonly logger = new Logger(HouseholdProjection.name);

  constructor(
    private readonly inbox: Inbox,
    private readonly households: HouseholdsRepository,
    private readonly assessor: Assessor,
  ) {}

  async onSnapshot(event: EventEnvelope<HouseholdRegisteredV1 | HouseholdUpdatedV1>): Promise<void> {
    const snapshot = event.data.household;
    await this.inbox.process(event, (manager) =>
      this.change(manager, snapshot.householdId, (current) => applySnapshot(current, snapshot)),
    );
  }

  async onWithdrawn(event: EventEnvelope<HouseholdWithdrawnV1>): Promise<void> {
    await this.onStatusEvent(event, { ...this.statusFacts(event.data), status: 'withdrawn' });
  }

  async onClosed(event: EventEnvelope<HouseholdClosedV1>): Promise<void> {
    await this.onStatusEvent(event, { ...this.statusFacts(event.data), status: 'closed' });
  }

  private statusFacts(data: { householdId: string; campId: string; version: number }): Omit<StatusEventFacts, 'status'> {
    return { householdId: data.householdId, campId: data.campId, version: data.version };
  }

  private async onStatusEvent(event: EventEnvelope, facts: StatusEventFacts): Promise<void> {
    await this.inbox.process(event, (manager) =>
      this.change(manager, facts.householdId, (current) => applyStatusEvent(current, facts)),
    );
  }

  private async change(
    manager: EntityManager,
    householdId: string,
    next: (current: HouseholdRecord | null) => HouseholdRecord | null,
  ): Promise<void> {
    const current = await this.households.lock(manager, householdId);
    const updated = next(current);
    if (!updated) {
      this.logger.debug(`household ${householdId}: event not newer than version ${current?.version ?? 0}, ignored`);
      return;
    }
    await this.households.save(manager, updated);
    await this.assessor.assess(manager, [updated]);
  }
}
