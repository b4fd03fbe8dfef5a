import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  HOUSEHOLD_CLOSED_V1,
  type ArrivalReportedV1,
  type ConvoyDepartedV1,
  type EventEnvelope,
  type HouseholdAssessedV1,
  type HouseholdScheduledV1,
  type HouseholdUnscheduledV1,
} from '@awda/contracts';
import { Inbox } from '@awda/messaging';
import { HouseholdChanges } from '../households/household-changes.js';
import { HouseholdsRepository } from '../households/households.repository.js';
import { AssessmentsRepository } from './assessments.repository.js';

const SYSTEM = 'system:transport';

/**
 * What transport and eligibility report about a household, shown to case workers: scheduled,
 * unscheduled, departed (the camp case is closed), assessed. Each event is applied once (inbox),
 * older scheduling or assessment versions are ignored.
 */
@Injectable()
export class HouseholdStatusService {
  private readonly logger = new Logger(HouseholdStatusService.name);

  constructor(
    private readonly inbox: Inbox,
    private readonly store: HouseholdsRepository,
    private readonly changes: HouseholdChanges,
    private readonly assessments: AssessmentsRepository,
  ) {}

  async scheduled(event: EventEnvelope<HouseholdScheduledV1>): Promise<void> {
    const e = event.data;
    await this.inbox.process(event, async (manager) => {
      const household = await this.newerSchedule(manager, e.householdId, e.scheduleVersion, event);
      if (household === undefined) return;
      const detail = { convoyId: e.convoyId, departureDate: e.departureDate, departureTime: e.departureTime, scheduleVersion: e.scheduleVersion };
      const schedule = { schedule_version: e.scheduleVersion, convoy_id: e.convoyId, departure_date: e.departureDate };
      if (household.status !== 'registered' && household.status !== 'scheduled') {
        // A withdrawn or closed household stays as it is; transport learns of it from our events.
        await this.setSchedule(manager, e.householdId, schedule);
        await this.changes.timeline(manager, e.householdId, 'scheduled', null, SYSTEM, [], { ...detail, ignored: household.status });
        return;
      }
      const saved = await this.changes.save(manager, household, { ...schedule, status: 'scheduled' });
      if (household.status === 'scheduled') {
        // Moved to another convoy or date: the snapshot carries neither, so household.updated would
        // change nothing a consumer reads (transport, which sent this, already knows) and cost each
        // consumer a transaction. The new version (the case worker's view shows the schedule) and the
        // timeline row stay.
        await this.changes.timeline(manager, saved.id, 'scheduled', saved.version, SYSTEM, ['status'], detail);
        return;
      }
      const values = { values: { status: { from: household.status, to: 'scheduled' } } };
      await this.changes.publish(manager, saved, { kind: 'scheduled', changes: ['status'], actor: SYSTEM, detail: { ...detail, ...values } });
    });
  }

  async unscheduled(event: EventEnvelope<HouseholdUnscheduledV1>): Promise<void> {
    const e = event.data;
    await this.inbox.process(event, async (manager) => {
      const household = await this.newerSchedule(manager, e.householdId, e.scheduleVersion, event);
      if (household === undefined) return;
      const cleared = { schedule_version: e.scheduleVersion, convoy_id: null, departure_date: null };
      const detail = { convoyId: e.convoyId, reason: e.reason, scheduleVersion: e.scheduleVersion };
      if (household.status !== 'scheduled') {
        await this.setSchedule(manager, e.householdId, cleared);
        await this.changes.timeline(manager, e.householdId, 'unscheduled', null, SYSTEM, [], detail);
        return;
      }
      const saved = await this.changes.save(manager, household, { ...cleared, status: 'registered' });
      const values = { status: { from: 'scheduled', to: 'registered' } };
      await this.changes.publish(manager, saved, { kind: 'unscheduled', changes: ['status'], actor: SYSTEM, detail: { ...detail, values } });
    });
  }

  async departed(event: EventEnvelope<ConvoyDepartedV1>): Promise<void> {
    const e = event.data;
    await this.inbox.process(event, async (manager) => {
      for (const boarded of [...e.boarded].sort((a, b) => a.householdId.localeCompare(b.householdId))) {
        const household = await this.store.find(manager, boarded.householdId, true);
        if (household === undefined) {
          this.logger.warn(`convoy ${e.convoyId} departed with unknown household ${boarded.householdId}`);
          continue;
        }
        if (household.status === 'departed' || household.status === 'closed') continue;
        const detail = { convoyId: e.convoyId, departedAt: e.departedAt, membersBoarded: boarded.memberIds.length };
        const departed = await this.changes.save(manager, household, { status: 'departed' });
        await this.changes.publish(manager, departed, { kind: 'departed', changes: ['status'], actor: SYSTEM, detail });
        const closed = await this.changes.save(manager, departed, { status: 'closed', closed_reason: 'departed' });
        await this.changes.publish(manager, closed, {
          kind: 'closed',
          changes: ['status'],
          actor: SYSTEM,
          detail: { reason: 'departed' },
          events: [{ subject: HOUSEHOLD_CLOSED_V1, data: { householdId: closed.id, campId: closed.campId, reason: 'departed', version: closed.version } }],
        });
      }
      for (const noShow of e.noShows) {
        await this.changes.timeline(manager, noShow.householdId, 'no_show', null, SYSTEM, [], { convoyId: e.convoyId });
      }
    });
  }

  async assessed(event: EventEnvelope<HouseholdAssessedV1>): Promise<void> {
    const e = event.data;
    await this.inbox.process(event, async (manager) => {
      const saved = await this.assessments.saveIfNewer(manager, {
        householdId: e.householdId, assessmentVersion: e.assessmentVersion, status: e.status, reasons: e.reasons,
        householdVersion: e.householdVersion, assessedAt: e.assessedAt,
      });
      if (!saved) return;
      await this.changes.timeline(manager, e.householdId, 'assessed', null, 'system:eligibility', [], {
        status: e.status,
        reasons: e.reasons.map((r) => ({ code: r.code, outcome: r.outcome, params: r.params })),
        priority: e.priority,
        assessmentVersion: e.assessmentVersion,
      }, new Date(e.assessedAt));
    });
  }

  private async newerSchedule(manager: EntityManager, householdId: string, scheduleVersion: number, event: EventEnvelope) {
    const household = await this.store.find(manager, householdId, true);
    if (household === undefined) {
      this.logger.warn(`${event.type} ${event.id} for unknown household ${householdId}`);
      return undefined;
    }
    return scheduleVersion > household.scheduleVersion ? household : undefined;
  }

  private async setSchedule(manager: EntityManager, householdId: string, columns: Record<string, unknown>): Promise<void> {
    await this.store.setSchedule(manager, householdId, {
      scheduleVersion: columns['schedule_version'],
      convoyId: columns['convoy_id'],
      departureDate: columns['departure_date'],
    });
  }

  /**
   * How a family answered "did you arrive safely?" by SMS (notifications). needs_help and no_answer
   * are a follow-up flag for case workers: on the timeline, whatever the household's status.
   */
  async arrivalReported(event: EventEnvelope<ArrivalReportedV1>): Promise<void> {
    const e = event.data;
    await this.inbox.process(event, async (manager) => {
      const detail = { outcome: e.outcome, followUp: e.outcome !== 'safe', convoyId: e.convoyId, conversationId: e.conversationId };
      await this.changes.timeline(manager, e.householdId, 'arrival_reported', null, 'system:notifications', [], detail, new Date(e.at));
    });
  }
}
