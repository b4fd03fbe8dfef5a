import { Inject, Injectable } from '@nestjs/common';
import { returnedRows } from '@awda/persistence';
import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { CONTACT_CHANGED_V1, HOUSEHOLD_REGISTERED_V1, HOUSEHOLD_UPDATED_V1, type ContactChangedV1, type EventMap, type EventSubject } from '@awda/contracts';
import { FieldCipher } from '@awda/auth';
import { SERVICE_CONFIG } from '@awda/bootstrap';
import type { RegistrationConfig } from '../config.js';
import { isChildHeaded } from '../consents/consent-rules.js';
import { ageOf } from './member-age.js';
import { Outbox } from '@awda/messaging';
import type { AuditOutcome } from '../common/audit.service.js';
import { storeIdempotentAnswerParams, storeIdempotentAnswerSql, type IdempotencyClaim } from '../common/idempotency.interceptor.js';
import { householdSnapshot } from './household-snapshot.js';
import { HOUSEHOLD_COLUMNS, HouseholdStore, OPEN_DUPLICATES } from './household.store.js';

// The same member columns as HouseholdStore's aggregate, so snapshots read either way are identical.
const AGGREGATE_MEMBER_COLUMNS = `id, household_id AS "householdId", position, full_name_ar AS "fullNameAr", full_name_latin AS "fullNameLatin",
  sex, to_char(date_of_birth, 'YYYY-MM-DD') AS "dateOfBirth", estimated_age AS "estimatedAge",
  to_char(age_recorded_on, 'YYYY-MM-DD') AS "ageRecordedOn", relationship, needs, fit_to_travel AS "fitToTravel",
  has_medical_clearance AS "hasMedicalClearance", travel_mode AS "travelMode", has_best_interests_determination AS "hasBestInterestsDetermination"`;
import type { HouseholdAggregate, HouseholdRecord, LatestConsent, LatestGuardianConsent, MemberRecord } from './household.types.js';
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
    private readonly store: HouseholdStore,
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
    const names = Object.keys(columns);
    const sets = names.map((name, i) => `${name} = $${i + 2}`);
    const result: HouseholdRecord[][] | HouseholdRecord[] = await manager.query(
      `UPDATE households SET ${[...sets, 'version = version + 1', 'updated_at = now()'].join(', ')}
       WHERE id = $1 RETURNING ${HOUSEHOLD_COLUMNS}`,
      [id, ...names.map((n) => columns[n])],
    );
    // TypeORM answers an UPDATE with [rows, count].
    return returnedRows<HouseholdRecord>(result)[0];
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
    if (travelContact !== undefined) await manager.query(`UPDATE households SET travel_contact = $2 WHERE id = $1`, [household.id, travelContact]);
    events.push(
      change.registered
        ? { subject: HOUSEHOLD_REGISTERED_V1, data: { household: snapshot } }
        : { subject: HOUSEHOLD_UPDATED_V1, data: { household: snapshot, changes: change.changes } },
    );
    await this.outbox.enqueueMany(manager, events as { subject: EventSubject; data: EventMap[EventSubject] }[]);
    if (also.audit === undefined && also.idempotency === undefined) {
      await this.timeline(manager, household.id, change.kind, household.version, change.actor, change.changes, change.detail ?? {});
      return;
    }
    // The timeline row, the audit row and the stored idempotent answer in one round trip.
    const params: unknown[] = [uuidv7(), household.id, new Date(), change.kind, household.version, change.actor, change.changes,
      JSON.stringify(change.detail ?? {})];
    const statements = [
      `INSERT INTO household_timeline (id, household_id, occurred_at, kind, version, actor, changes, detail)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb)`,
    ];
    if (also.audit) {
      const n = params.length;
      params.push(uuidv7(), also.audit.actor, also.audit.endpoint, also.audit.outcome);
      statements.push(`INSERT INTO audit_log (id, actor, household_id, endpoint, outcome) VALUES ($${n + 1}, $${n + 2}, $2, $${n + 3}, $${n + 4})`);
    }
    if (also.idempotency) {
      const n = params.length;
      params.push(...storeIdempotentAnswerParams(also.idempotency.claim, also.idempotency.answer));
      statements.push(storeIdempotentAnswerSql(n + 1));
    }
    const last = statements.pop() ?? '';
    await manager.query(`WITH ${statements.map((sql, i) => `w${i} AS (${sql})`).join(', ')} ${last}`, params);
  }

  /**
   * publish for many households at once (bulk import): their aggregates in one statement, every
   * event in one outbox INSERT, every timeline row in one INSERT; the events of each household are
   * exactly those publish would send, in the same order. defaultPolicy: the configured consent
   * policy of a camp without its own setting (DEFAULT_CONSENT_POLICY, as HouseholdStore answers).
   */
  async publishMany(
    manager: EntityManager,
    items: { household: HouseholdRecord; change: HouseholdChange }[],
    defaultPolicy: ConsentPolicy,
  ): Promise<void> {
    if (items.length === 0) return;
    const aggregates = await this.aggregates(manager, items.map((i) => i.household), defaultPolicy);
    const events: SpecificEvent[] = [];
    const travelContacts: { id: string; travelContact: string }[] = [];
    const timeline: unknown[] = [];
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
        id: uuidv7(), household_id: household.id, occurred_at: now.toISOString(), kind: change.kind, version: household.version,
        actor: change.actor, changes: change.changes, detail: change.detail ?? {},
      });
    }
    await this.outbox.enqueueMany(manager, events as { subject: EventSubject; data: EventMap[EventSubject] }[]);
    if (travelContacts.length > 0) {
      await manager.query(
        `UPDATE households h SET travel_contact = t.travel_contact FROM unnest($1::uuid[], $2::text[]) AS t(id, travel_contact) WHERE h.id = t.id`,
        [travelContacts.map((t) => t.id), travelContacts.map((t) => t.travelContact)],
      );
    }
    await manager.query(
      `INSERT INTO household_timeline (id, household_id, occurred_at, kind, version, actor, changes, detail)
       SELECT id, household_id, occurred_at, kind, version, actor, changes, detail
       FROM json_to_recordset($1::json) AS t(id uuid, household_id uuid, occurred_at timestamptz, kind text, version integer,
         actor text, changes text[], detail jsonb)`,
      [JSON.stringify(timeline)],
    );
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

  /** HouseholdStore.aggregate for many households, in one statement. */
  private async aggregates(manager: EntityManager, households: HouseholdRecord[], defaultPolicy: ConsentPolicy): Promise<Map<string, HouseholdAggregate>> {
    const rows: (AggregateRow & { householdId: string })[] = await manager.query(
      `SELECT h.id AS "householdId",
         (SELECT coalesce(json_agg(m ORDER BY m.position), '[]'::json) FROM (
            SELECT ${AGGREGATE_MEMBER_COLUMNS},
              (SELECT coalesce(json_agg(json_build_object('id', d.id, 'type', d.type, 'numberEncrypted', d.number_encrypted) ORDER BY d.id), '[]'::json)
               FROM identity_documents d WHERE d.member_id = members.id) AS documents
            FROM members WHERE household_id = h.id) m) AS members,
         (SELECT coalesce(json_agg(c), '[]'::json) FROM (
            SELECT DISTINCT ON (member_id) member_id AS "memberId", id AS "consentId", decision,
                   to_char(decided_on, 'YYYY-MM-DD') AS "decidedOn"
            FROM consents WHERE household_id = h.id AND NOT superseded
            ORDER BY member_id, recorded_at DESC, id DESC) c) AS consents,
         (SELECT consent_policy FROM camp_settings WHERE camp_id = h.camp_id) AS "consentPolicy",
         (SELECT row_to_json(g) FROM (
            SELECT id, basis, decision, to_char(decided_on, 'YYYY-MM-DD') AS "decidedOn", contact_phone_encrypted AS "contactPhoneEncrypted"
            FROM guardian_consents WHERE household_id = h.id AND NOT superseded
            ORDER BY recorded_at DESC, id DESC LIMIT 1) g) AS "guardianConsent",
         ${OPEN_DUPLICATES('h.id')} AS "unresolvedDuplicates"
       FROM unnest($1::uuid[], $2::text[]) AS h(id, camp_id)`,
      [households.map((h) => h.id), households.map((h) => h.campId)],
    );
    const byId = new Map(rows.map((r) => [r.householdId, r]));
    const out = new Map<string, HouseholdAggregate>();
    for (const household of households) {
      const row = byId.get(household.id);
      if (row === undefined) continue;
      out.set(household.id, {
        household,
        members: row.members ?? [],
        consents: new Map((row.consents ?? []).map((c) => [c.memberId, c])),
        consentPolicy: row.consentPolicy ?? defaultPolicy,
        unresolvedDuplicates: row.unresolvedDuplicates ?? 0,
        guardianConsent: row.guardianConsent ?? null,
      });
    }
    return out;
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
    await manager.query(
      `INSERT INTO household_timeline (id, household_id, occurred_at, kind, version, actor, changes, detail)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb)`,
      [uuidv7(), householdId, occurredAt, kind, version, actor, changes, JSON.stringify(detail)],
    );
  }
}

interface AggregateRow {
  members: MemberRecord[] | null;
  consents: LatestConsent[] | null;
  consentPolicy: ConsentPolicy | null;
  unresolvedDuplicates: number | null;
  guardianConsent: LatestGuardianConsent | null;
}
