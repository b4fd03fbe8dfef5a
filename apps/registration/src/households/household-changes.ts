import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CONTACT_CHANGED_V1, HOUSEHOLD_REGISTERED_V1, HOUSEHOLD_UPDATED_V1, type ContactChangedV1, type EventMap, type EventSubject } from '@awda/contracts';
import { FieldCipher } from '@awda/auth';
import { SERVICE_CONFIG } from '@awda/bootstrap';
import type { RegistrationConfig } from '../config.js';
import { isChildHeaded } from '../consents/consent-rules.js';
import { ageOf } from './member-age.js';
import { Outbox } from '@awda/messaging';
import type { AuditOutcome } from '../common/audit-log.repository.js';
import { storeIdempotentAnswerParams, type IdempotencyClaim } from '../common/idempotency.interceptor.js';
import { householdSnapshot } from './household-snapshot.js';
import { HouseholdsRepository, type TimelineWrite } from './households.repository.js';
import type { HouseholdAggregate, HouseholdRecord } from './household.types.js';
import { HouseholdKeys } from '../privacy/household-keys.js';
import type { ConsentPolicy } from '@awda/contracts';

export type SpecificEvent = { [S in EventSubject]: { subject: S; data: EventMap[S] } }[EventSubject];

/** Rows written with the timeline row, in the same statement. */
export interface AlsoWritten {
  audit?: { actor: string; endpoint: string; outcome: AuditOutcome };
  idempotency?: { claim: IdempotencyClaim; answer: unknown };
}

export interface HouseholdChange {
  /** Timeline kind, e.g. registered, updated, consent, withdrawn, scheduled. */
  kind: string;
  /** What changed, as sent in household.updated: members, consent, destination, status, duplicates... */
  changes: string[];
  actor: string;
  /** Shown on the timeline; never names, phones or document numbers. */
  detail?: Record<string, unknown>;
  /** Events sent before the snapshot, e.g. consent.recorded. */
  events?: SpecificEvent[];
  /** First snapshot: household.registered instead of household.updated. */
  registered?: boolean;
}

/**
 * After every change of a household: bump nothing itself (the caller has saved the new version),
 * then send the specific events and the full snapshot through the outbox and add a timeline row,
 * all in the caller's transaction.
 */
@Injectable()
export class HouseholdChanges {
  constructor(
    private readonly store: HouseholdsRepository,
    private readonly outbox: Outbox,
    private readonly cipher: FieldCipher,
    private readonly keys: HouseholdKeys,
    @Inject(SERVICE_CONFIG) private readonly config: RegistrationConfig,
  ) {}

  /** Raises the version by one and saves the given columns; returns the saved record. */
  async save(
    manager: EntityManager,
    household: HouseholdRecord,
    columns: Record<string, unknown> = {},
  ): Promise<HouseholdRecord> {
    const fresh = await this.saveIfExists(manager, household.id, columns);
    if (fresh === undefined) throw new Error(`household ${household.id} vanished during an update`);
    return fresh;
  }

  /** Like save, in one round trip (UPDATE ... RETURNING); undefined when the household is gone. */
  async saveIfExists(manager: EntityManager, id: string, columns: Record<string, unknown> = {}): Promise<HouseholdRecord | undefined> {
    return this.store.saveIfExists(manager, id, columns);
  }

  /** Pass the aggregate when the caller has just read it (it must be of this version). */
  async publish(
    manager: EntityManager,
    household: HouseholdRecord,
    change: HouseholdChange,
    aggregate?: HouseholdAggregate,
    also: AlsoWritten = {},
  ): Promise<void> {
    const current = aggregate ?? (await this.store.aggregate(manager, household));
    const snapshot = householdSnapshot(current, this.config.ADULT_AGE);
    const { events, travelContact } = this.withTravelContact(change, current);
    if (travelContact !== undefined) await this.store.setTravelContact(manager, household.id, travelContact);
    events.push(
      change.registered
        ? { subject: HOUSEHOLD_REGISTERED_V1, data: { household: snapshot } }
        : { subject: HOUSEHOLD_UPDATED_V1, data: { household: snapshot, changes: change.changes } },
    );
    await this.outbox.enqueueMany(manager, events as { subject: EventSubject; data: EventMap[EventSubject] }[]);
    const entry: TimelineWrite = {
      householdId: household.id, kind: change.kind, version: household.version, actor: change.actor, changes: change.changes,
      detail: change.detail ?? {},
    };
    if (also.audit === undefined && also.idempotency === undefined) {
      await this.store.addTimeline(manager, entry);
      return;
    }
    // The timeline row, the audit row and the stored idempotent answer in one round trip.
    await this.store.addTimelineWith(manager, entry, {
      audit: also.audit,
      idempotencyParams: also.idempotency ? storeIdempotentAnswerParams(also.idempotency.claim, also.idempotency.answer) : undefined,
    });
  }

  /**
   * publish for many households at once (bulk import): their aggregates in one statement, every
   * event in one outbox INSERT, every timeline row in one INSERT; the events of each household are
   * exactly those publish would send, in the same order. defaultPolicy: the configured consent
   * policy of a camp without its own setting (DEFAULT_CONSENT_POLICY, as HouseholdsRepository answers).
   */
  async publishMany(
    manager: EntityManager,
    items: { household: HouseholdRecord; change: HouseholdChange }[],
    defaultPolicy: ConsentPolicy,
  ): Promise<void> {
    if (items.length === 0) return;
    const aggregates = await this.store.aggregates(manager, items.map((i) => i.household), defaultPolicy);
    const events: SpecificEvent[] = [];
    const travelContacts: { id: string; travelContact: string }[] = [];
    const timeline: (TimelineWrite & { occurredAt: Date })[] = [];
    const now = new Date();
    for (const { household, change } of items) {
      const aggregate = aggregates.get(household.id);
      if (aggregate === undefined) throw new Error(`household ${household.id} vanished before its events were written`);
      const snapshot = householdSnapshot(aggregate, this.config.ADULT_AGE);
      const travel = this.withTravelContact(change, aggregate);
      events.push(...travel.events);
      if (travel.travelContact !== undefined) travelContacts.push({ id: household.id, travelContact: travel.travelContact });
      events.push(
        change.registered
          ? { subject: HOUSEHOLD_REGISTERED_V1, data: { household: snapshot } }
          : { subject: HOUSEHOLD_UPDATED_V1, data: { household: snapshot, changes: change.changes } },
      );
      timeline.push({
        householdId: household.id, occurredAt: now, kind: change.kind, version: household.version, actor: change.actor,
        changes: change.changes, detail: change.detail ?? {},
      });
    }
    await this.outbox.enqueueMany(manager, events as { subject: EventSubject; data: EventMap[EventSubject] }[]);
    await this.store.setTravelContacts(manager, travelContacts);
    await this.store.addTimelineMany(manager, timeline);
  }

  /**
   * The change's events with the travel contact on each contact.changed: a child-headed household's
   * messages go to its guardian (or the case worker's contact), never to the child's phone. A change
   * that alters whom to reach (an adult added, an age corrected, a guardian consent recorded) sends a
   * contact.changed too. `travelContact`: the value to store when it differs from the household's.
   */
  private withTravelContact(change: HouseholdChange, aggregate: HouseholdAggregate): { events: SpecificEvent[]; travelContact?: string } {
    const travel = this.travelContact(aggregate);
    const { household } = aggregate;
    const kind = travel.travelContact ?? 'household';
    let sent = false;
    const events = (change.events ?? []).map((event): SpecificEvent => {
      if (event.subject !== CONTACT_CHANGED_V1) return event;
      sent = true;
      const { travelContact: _contact, travelPhoneEncrypted: _phone, ...data } = event.data;
      return { subject: CONTACT_CHANGED_V1, data: { ...data, ...travel } };
    });
    if (!sent && (kind !== household.travelContact || change.changes.includes('guardian_consent'))) {
      const event = this.contactChanged(household);
      events.unshift({ subject: CONTACT_CHANGED_V1, data: { ...event.data, ...travel } });
    }
    return kind === household.travelContact ? { events } : { events, travelContact: kind };
  }

  /** contact.changed for the household as stored (its travel contact is added when the change is published). */
  contactChanged(household: HouseholdRecord): { subject: typeof CONTACT_CHANGED_V1; data: ContactChangedV1 } {
    const phone = household.phoneEncrypted === null ? null : this.keys.cipherOf(household).decrypt(household.phoneEncrypted, household.id);
    return {
      subject: CONTACT_CHANGED_V1,
      data: {
        householdId: household.id,
        campId: household.campId,
        // A fresh ciphertext for the event, bound to the household like the stored one.
        phoneEncrypted: phone === null ? null : this.cipher.encrypt(phone, household.id),
        language: household.language,
        caseNumber: household.caseNumber,
        version: household.version,
      },
    };
  }

  private travelContact(aggregate: HouseholdAggregate): Pick<ContactChangedV1, 'travelContact' | 'travelPhoneEncrypted'> {
    if (!isChildHeaded(aggregate.members.map(ageOf), this.config.ADULT_AGE)) return {};
    const guardian = aggregate.guardianConsent;
    if (guardian === null || guardian.contactPhoneEncrypted === null) return { travelContact: 'none', travelPhoneEncrypted: null };
    const id = aggregate.household.id;
    return {
      travelContact: guardian.basis === 'guardian' ? 'guardian' : 'case_worker',
      // A fresh ciphertext for the event, bound to the household like the stored one.
      travelPhoneEncrypted: this.cipher.encrypt(this.keys.cipherOf(aggregate.household).decrypt(guardian.contactPhoneEncrypted, id), id),
    };
  }

  async timeline(
    manager: EntityManager,
    householdId: string,
    kind: string,
    version: number | null,
    actor: string | null,
    changes: string[],
    detail: Record<string, unknown>,
    occurredAt: Date = new Date(),
  ): Promise<void> {
    await this.store.addTimeline(manager, { householdId, kind, version, actor, changes, detail, occurredAt });
  }
}
