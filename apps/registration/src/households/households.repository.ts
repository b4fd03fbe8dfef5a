import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { SERVICE_CONFIG } from '@awda/bootstrap';
import {
  CONSENT_DECISIONS,
  CONSENT_POLICIES,
  GUARDIAN_CONSENT_BASES,
  HOUSEHOLD_STATUSES,
  LANGUAGES,
  NEED_CODES,
  SEXES,
  TRAVEL_MODES,
  type ConsentPolicy,
} from '@awda/contracts';
import { execute, pg, queryRow, queryRows, z, type Row, type SqlRunner } from '@awda/persistence';
import type { RegistrationConfig } from '../config.js';
import type { AuditOutcome } from '../common/audit-log.repository.js';
import { storeIdempotentAnswerSql } from '../common/idempotency-keys.repository.js';
import { DOCUMENT_TYPES, RELATIONSHIPS } from './dto/member.dto.js';
import type { HouseholdAggregate, HouseholdRecord, LatestConsent, MemberRecord } from './household.types.js';
import type { NewHouseholdKey } from '../privacy/household-keys.repository.js';

const HOUSEHOLD_COLUMNS = `id, camp_id AS "campId", case_number AS "caseNumber", shelter_location AS "shelterLocation",
  destination_area AS "destinationArea", language, phone_encrypted AS "phoneEncrypted", phone_hash AS "phoneHash",
  status, closed_reason AS "closedReason", version, schedule_version AS "scheduleVersion", convoy_id AS "convoyId",
  to_char(departure_date, 'YYYY-MM-DD') AS "departureDate", registered_at AS "registeredAt", updated_at AS "updatedAt",
  created_by AS "createdBy", merged_into AS "mergedInto", travel_contact AS "travelContact",
  (SELECT k.wrapped_key FROM household_keys k WHERE k.household_id = households.id) AS "wrappedKey", erased_at AS "erasedAt"`;

const MEMBER_COLUMNS = `id, household_id AS "householdId", position, full_name_ar AS "fullNameAr", full_name_latin AS "fullNameLatin",
  sex, to_char(date_of_birth, 'YYYY-MM-DD') AS "dateOfBirth", estimated_age AS "estimatedAge",
  to_char(age_recorded_on, 'YYYY-MM-DD') AS "ageRecordedOn", relationship, needs, fit_to_travel AS "fitToTravel",
  has_medical_clearance AS "hasMedicalClearance", travel_mode AS "travelMode", has_best_interests_determination AS "hasBestInterestsDetermination"`;

/** The latest consent of each member of a household ($1 or a column: the household id). */
const LATEST_CONSENTS = (household: string): string => `SELECT DISTINCT ON (member_id) member_id AS "memberId", id AS "consentId", decision,
         to_char(decided_on, 'YYYY-MM-DD') AS "decidedOn"
  FROM consents WHERE household_id = ${household} AND NOT superseded
  ORDER BY member_id, recorded_at DESC, id DESC`;

/**
 * Open duplicate candidates of a household, counted on each side through its own index: with
 * `household_id = x OR other_household_id = x` PostgreSQL read the whole partial index of open
 * candidates (every camp's) for each household. A pair is never a household with itself.
 */
const OPEN_DUPLICATES = (id: string): string =>
  `((SELECT count(*) FROM duplicate_candidates WHERE status = 'open' AND household_id = ${id})
    + (SELECT count(*) FROM duplicate_candidates WHERE status = 'open' AND other_household_id = ${id}))::int`;

/** The aggregate's parts as JSON, for the household(s) named by `id` and `camp` ($n or columns). */
const AGGREGATE_PARTS = (id: string, camp: string): string => `
  (SELECT coalesce(json_agg(m ORDER BY m.position), '[]'::json) FROM (
     SELECT ${MEMBER_COLUMNS},
       (SELECT coalesce(json_agg(json_build_object('id', d.id, 'type', d.type, 'numberEncrypted', d.number_encrypted) ORDER BY d.id), '[]'::json)
        FROM identity_documents d WHERE d.member_id = members.id) AS documents
     FROM members WHERE household_id = ${id}) m) AS members,
  (SELECT coalesce(json_agg(c), '[]'::json) FROM (${LATEST_CONSENTS(id)}) c) AS consents,
  (SELECT consent_policy FROM camp_settings WHERE camp_id = ${camp}) AS "consentPolicy",
  (SELECT row_to_json(g) FROM (
     SELECT id, basis, decision, to_char(decided_on, 'YYYY-MM-DD') AS "decidedOn", contact_phone_encrypted AS "contactPhoneEncrypted"
     FROM guardian_consents WHERE household_id = ${id} AND NOT superseded
     ORDER BY recorded_at DESC, id DESC LIMIT 1) g) AS "guardianConsent",
  ${OPEN_DUPLICATES(id)} AS "unresolvedDuplicates"`;

const day = () => z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date (YYYY-MM-DD)');

export const householdRow = z.object({
  id: pg.uuid(),
  campId: pg.text(),
  caseNumber: pg.text(),
  shelterLocation: pg.text().nullable(),
  destinationArea: pg.text(),
  language: z.enum(LANGUAGES),
  phoneEncrypted: pg.text().nullable(),
  phoneHash: pg.text().nullable(),
  status: z.enum(HOUSEHOLD_STATUSES),
  closedReason: pg.text().nullable(),
  version: pg.int(),
  scheduleVersion: pg.int(),
  convoyId: pg.uuid().nullable(),
  departureDate: day().nullable(),
  registeredAt: pg.timestamp(),
  updatedAt: pg.timestamp(),
  createdBy: pg.text(),
  /** Closed as a duplicate: the household kept for the family. */
  mergedInto: pg.uuid().nullable(),
  /** Whom the last contact.changed named: 'household', or for a child-headed household 'guardian', 'case_worker', 'none'. */
  travelContact: pg.text(),
  /** The household's data key wrapped by a field key; null before it has one (or once erased). */
  wrappedKey: pg.text().nullable(),
  /** When its personal data was erased (crypto-shredded); null while it is held. */
  erasedAt: pg.timestamp().nullable(),
});

export const documentRow = z.object({ id: pg.uuid(), type: z.enum(DOCUMENT_TYPES), numberEncrypted: pg.text() });

const memberRow = z.object({
  id: pg.uuid(),
  householdId: pg.uuid(),
  position: pg.int(),
  fullNameAr: pg.text(),
  fullNameLatin: pg.text().nullable(),
  sex: z.enum(SEXES),
  dateOfBirth: day().nullable(),
  estimatedAge: pg.int().nullable(),
  ageRecordedOn: day(),
  relationship: z.enum(RELATIONSHIPS),
  needs: z.array(z.enum(NEED_CODES)),
  fitToTravel: pg.bool().nullable(),
  hasMedicalClearance: pg.bool(),
  /** Null on clearances recorded before travel modes existed, and when not stated. */
  travelMode: z.enum(TRAVEL_MODES).nullable(),
  hasBestInterestsDetermination: pg.bool(),
});
/** A member with its documents, as the aggregate's JSON holds it. */
export const memberWithDocuments = memberRow.extend({ documents: z.array(documentRow) });

export const latestConsentRow = z.object({ memberId: pg.uuid(), consentId: pg.uuid(), decision: z.enum(CONSENT_DECISIONS), decidedOn: day() });

/** The latest guardian consent or best-interests decision of a household (only a child-headed one's counts). */
export const latestGuardianConsentRow = z.object({
  id: pg.uuid(),
  basis: z.enum(GUARDIAN_CONSENT_BASES),
  decision: z.enum(CONSENT_DECISIONS),
  decidedOn: day(),
  /** The guardian's phone, or the case worker's contact given with a best-interests decision; encrypted (AAD = household id). */
  contactPhoneEncrypted: pg.text().nullable(),
});

const aggregateRow = z.object({
  members: z.array(memberWithDocuments).nullable(),
  consents: z.array(latestConsentRow).nullable(),
  consentPolicy: z.enum(CONSENT_POLICIES).nullable(),
  guardianConsent: latestGuardianConsentRow.nullable(),
  unresolvedDuplicates: pg.int().nullable(),
});
type AggregateRow = Row<typeof aggregateRow>;

const summaryRow = z.object({
  id: pg.uuid(),
  campId: pg.text(),
  caseNumber: pg.text(),
  status: z.enum(HOUSEHOLD_STATUSES),
  destinationArea: pg.text(),
  version: pg.int(),
  headNameAr: pg.text().nullable(),
  headNameLatin: pg.text().nullable(),
  members: pg.int(),
});
export type HouseholdSummary = Row<typeof summaryRow>;

const timelineRow = z.object({
  occurredAt: pg.timestamp(),
  kind: pg.text(),
  version: pg.int().nullable(),
  actor: pg.text().nullable(),
  changes: pg.textArray(),
  detail: z.record(z.string(), z.unknown()),
});
export type TimelineRow = Row<typeof timelineRow>;

const memberNameRow = z.object({ id: pg.uuid(), fullNameAr: pg.text(), fullNameLatin: pg.text().nullable() });
export type MemberName = Row<typeof memberNameRow>;

/** Filters of the household list; each is applied when given. */
export interface HouseholdListFilter {
  camps: readonly string[] | 'all';
  campId?: string;
  status?: string;
  caseNumber?: string;
  phoneHash?: string;
  /** Word skeletons every one of which a member's name must have. */
  nameTokens?: string[];
}

/** A timeline row and what is written with it in the same statement. */
export interface TimelineWrite {
  householdId: string;
  kind: string;
  version: number | null;
  actor: string | null;
  changes: string[];
  detail: Record<string, unknown>;
  occurredAt?: Date;
}

/** The households aggregate: households, their members and documents, consents read with them, the timeline. */
@Injectable()
export class HouseholdsRepository {
  constructor(@Inject(SERVICE_CONFIG) private readonly config: RegistrationConfig) {}

  /** ADULT_AGE: who consents for themselves, and which households are child-headed. */
  get adultAge(): number {
    return this.config.ADULT_AGE;
  }

  async find(runner: SqlRunner, id: string, lock = false): Promise<HouseholdRecord | undefined> {
    return queryRow(runner, 'HouseholdsRepository.find', householdRow, `SELECT ${HOUSEHOLD_COLUMNS} FROM households WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`, [
      id,
    ]);
  }

  async findMany(manager: EntityManager, ids: string[]): Promise<HouseholdRecord[]> {
    if (ids.length === 0) return [];
    return queryRows(manager, 'HouseholdsRepository.findMany', householdRow, `SELECT ${HOUSEHOLD_COLUMNS} FROM households WHERE id = ANY($1::uuid[])`, [ids]);
  }

  async members(manager: EntityManager, householdIds: string[]): Promise<MemberRecord[]> {
    if (householdIds.length === 0) return [];
    const members = await queryRows(
      manager,
      'HouseholdsRepository.members',
      memberRow,
      `SELECT ${MEMBER_COLUMNS} FROM members WHERE household_id = ANY($1::uuid[]) ORDER BY household_id, position`,
      [householdIds],
    );
    const documents = await queryRows(
      manager,
      'HouseholdsRepository.members.documents',
      documentRow.extend({ memberId: pg.uuid() }),
      `SELECT id, member_id AS "memberId", type, number_encrypted AS "numberEncrypted"
       FROM identity_documents WHERE household_id = ANY($1::uuid[]) ORDER BY id`,
      [householdIds],
    );
    return members.map((m) => ({
      ...m,
      documents: documents.filter((d) => d.memberId === m.id).map(({ id, type, numberEncrypted }) => ({ id, type, numberEncrypted })),
    }));
  }

  async latestConsents(manager: EntityManager, householdId: string): Promise<Map<string, LatestConsent>> {
    const rows = await queryRows(manager, 'HouseholdsRepository.latestConsents', latestConsentRow, LATEST_CONSENTS('$1'), [householdId]);
    return new Map(rows.map((r) => [r.memberId, r]));
  }

  async consentPolicy(manager: EntityManager, campId: string): Promise<ConsentPolicy> {
    const row = await queryRow(
      manager,
      'HouseholdsRepository.consentPolicy',
      z.object({ consent_policy: z.enum(CONSENT_POLICIES) }),
      `SELECT consent_policy FROM camp_settings WHERE camp_id = $1`,
      [campId],
    );
    return row?.consent_policy ?? this.config.DEFAULT_CONSENT_POLICY;
  }

  /** Locks a household (FOR UPDATE) and answers its status and open duplicate count; undefined when gone. */
  async lockWithOpenDuplicates(manager: EntityManager, id: string): Promise<{ status: string; open: number } | undefined> {
    return queryRow(
      manager,
      'HouseholdsRepository.lockWithOpenDuplicates',
      z.object({ status: z.enum(HOUSEHOLD_STATUSES), open: pg.int() }),
      `SELECT status, ${OPEN_DUPLICATES('$1')} AS open FROM households WHERE id = $1 FOR UPDATE`,
      [id],
    );
  }

  async unresolvedDuplicates(manager: EntityManager, householdId: string): Promise<number> {
    const row = await queryRow(manager, 'HouseholdsRepository.unresolvedDuplicates', z.object({ n: pg.int() }), `SELECT ${OPEN_DUPLICATES('$1')} AS n`, [
      householdId,
    ]);
    return row?.n ?? 0;
  }

  /**
   * The aggregate in one round trip: members with their documents, latest consents, the camp's
   * consent policy and the open duplicate count, each as JSON from one statement.
   */
  async aggregate(manager: EntityManager, household: HouseholdRecord): Promise<HouseholdAggregate> {
    const row = await queryRow(manager, 'HouseholdsRepository.aggregate', aggregateRow, `SELECT ${AGGREGATE_PARTS('$1', '$2')}`, [
      household.id,
      household.campId,
    ]);
    return assemble(household, row, this.config.DEFAULT_CONSENT_POLICY);
  }

  /**
   * aggregate for many households, in one statement. defaultPolicy: the consent policy of a camp
   * without its own setting (DEFAULT_CONSENT_POLICY, as aggregate answers).
   */
  async aggregates(manager: EntityManager, households: HouseholdRecord[], defaultPolicy: ConsentPolicy): Promise<Map<string, HouseholdAggregate>> {
    const rows = await queryRows(
      manager,
      'HouseholdsRepository.aggregates',
      aggregateRow.extend({ householdId: pg.uuid() }),
      `SELECT h.id AS "householdId", ${AGGREGATE_PARTS('h.id', 'h.camp_id')}
       FROM unnest($1::uuid[], $2::text[]) AS h(id, camp_id)`,
      [households.map((h) => h.id), households.map((h) => h.campId)],
    );
    const byId = new Map(rows.map((r) => [r.householdId, r]));
    const out = new Map<string, HouseholdAggregate>();
    for (const household of households) {
      const row = byId.get(household.id);
      if (row !== undefined) out.set(household.id, assemble(household, row, defaultPolicy));
    }
    return out;
  }

  /**
   * Inserts a new household and its data key (HouseholdKeys.prepareOne) when its destination area
   * exists, the check and both inserts in one statement; undefined (nothing inserted) when the area is
   * unknown. destinationServed: whether a convoy route serves it.
   */
  async insertIfAreaExists(
    manager: EntityManager,
    h: {
      id: string; campId: string; caseNumber: string; shelterLocationEncrypted: string | null; destinationArea: string; language: string;
      phoneEncrypted: string | null; phoneHash: string | null; createdBy: string;
    },
    key: NewHouseholdKey,
  ): Promise<{ household: HouseholdRecord; destinationServed: boolean | null } | undefined> {
    const row = await queryRow(
      manager,
      'HouseholdsRepository.insertIfAreaExists',
      householdRow.extend({ destinationServed: pg.bool().nullable() }),
      `WITH new_key AS (
         INSERT INTO household_keys (household_id, wrapped_key, key_id)
         SELECT $1, $10, $11 WHERE EXISTS (SELECT 1 FROM areas WHERE code = $5))
       INSERT INTO households (id, camp_id, case_number, shelter_location, destination_area, language, phone_encrypted,
         phone_hash, status, version, registered_at, updated_at, created_by)
       SELECT $1, $2, $3, $4, $5, $6, $7, $8, 'registered', 1, now(), now(), $9
       WHERE EXISTS (SELECT 1 FROM areas WHERE code = $5)
       RETURNING ${HOUSEHOLD_COLUMNS}, (SELECT served FROM areas WHERE code = $5) AS "destinationServed"`,
      [h.id, h.campId, h.caseNumber, h.shelterLocationEncrypted, h.destinationArea, h.language, h.phoneEncrypted, h.phoneHash, h.createdBy,
        key.wrapped_key, key.key_id],
    );
    if (row === undefined) return undefined;
    // RETURNING reads household_keys as of the statement's start, without the key inserted beside it.
    const { destinationServed, ...household } = row;
    return { household: { ...household, wrappedKey: key.wrapped_key }, destinationServed };
  }

  /** Ids of the camp's households still open to a consent decision (registered, scheduled, withdrawn), locked in id order. */
  async lockOpenInCamp(manager: EntityManager, campId: string): Promise<string[]> {
    const rows = await queryRows(
      manager,
      'HouseholdsRepository.lockOpenInCamp',
      z.object({ id: pg.uuid() }),
      `SELECT id FROM households WHERE camp_id = $1 AND status IN ('registered', 'scheduled', 'withdrawn') ORDER BY id FOR UPDATE`,
      [campId],
    );
    return rows.map((r) => r.id);
  }

  /** Saves a household's place on a convoy (or clears it) without raising its version. */
  async setSchedule(
    manager: EntityManager,
    id: string,
    schedule: { scheduleVersion: unknown; convoyId: unknown; departureDate: unknown },
  ): Promise<void> {
    await execute(manager, `UPDATE households SET schedule_version = $2, convoy_id = $3, departure_date = $4 WHERE id = $1`, [
      id,
      schedule.scheduleVersion,
      schedule.convoyId,
      schedule.departureDate,
    ]);
  }

  /** The camp's households with these case numbers, locked (FOR UPDATE, in id order), with the hash of what an import last wrote. */
  async lockByCaseNumbers(manager: EntityManager, campId: string, caseNumbers: string[]): Promise<{ id: string; caseNumber: string; contentHash: string | null }[]> {
    return queryRows(
      manager,
      'HouseholdsRepository.lockByCaseNumbers',
      z.object({ id: pg.uuid(), caseNumber: pg.text(), contentHash: pg.text().nullable() }),
      `SELECT id, case_number AS "caseNumber", content_hash AS "contentHash" FROM households
       WHERE camp_id = $1 AND case_number = ANY($2::text[]) ORDER BY id FOR UPDATE`,
      [campId, caseNumbers],
    );
  }

  /**
   * Inserts imported households in one statement (rows as one JSON parameter); a case number taken
   * meanwhile is skipped. Answers the households inserted.
   */
  async insertImported(
    manager: EntityManager,
    rows: {
      id: string; camp_id: string; case_number: string; shelter_location: string | null; destination_area: string; language: string;
      phone_encrypted: string | null; phone_hash: string | null; content_hash: string;
    }[],
    actor: string,
    importId: string,
  ): Promise<HouseholdRecord[]> {
    return queryRows(
      manager,
      'HouseholdsRepository.insertImported',
      householdRow,
      `INSERT INTO households (id, camp_id, case_number, shelter_location, destination_area, language, phone_encrypted,
         phone_hash, status, version, registered_at, updated_at, created_by, import_id, content_hash)
       SELECT id, camp_id, case_number, shelter_location, destination_area, language, phone_encrypted,
         phone_hash, 'registered', 1, now(), now(), $2, $3, content_hash
       FROM json_to_recordset($1::json) AS h(id uuid, camp_id text, case_number text, shelter_location text, destination_area text,
         language text, phone_encrypted text, phone_hash text, content_hash text)
       ON CONFLICT ON CONSTRAINT households_camp_case_unique DO NOTHING
       RETURNING ${HOUSEHOLD_COLUMNS}`,
      [JSON.stringify(rows), actor, importId],
    );
  }

  /** Removes the data keys made for households that were then not inserted. */
  async forgetKeys(manager: EntityManager, householdIds: string[]): Promise<void> {
    if (householdIds.length === 0) return;
    await execute(manager, `DELETE FROM household_keys WHERE household_id = ANY($1::uuid[])`, [householdIds]);
  }

  /** Raises the version by one and saves the given columns, in one round trip; undefined when the household is gone. */
  async saveIfExists(manager: EntityManager, id: string, columns: Record<string, unknown> = {}): Promise<HouseholdRecord | undefined> {
    const names = Object.keys(columns);
    const sets = names.map((name, i) => `${name} = $${i + 2}`);
    return queryRow(
      manager,
      'HouseholdsRepository.saveIfExists',
      householdRow,
      `UPDATE households SET ${[...sets, 'version = version + 1', 'updated_at = now()'].join(', ')}
       WHERE id = $1 RETURNING ${HOUSEHOLD_COLUMNS}`,
      [id, ...names.map((n) => columns[n])],
    );
  }

  async setTravelContact(manager: EntityManager, id: string, travelContact: string): Promise<void> {
    await execute(manager, `UPDATE households SET travel_contact = $2 WHERE id = $1`, [id, travelContact]);
  }

  async setTravelContacts(manager: EntityManager, contacts: { id: string; travelContact: string }[]): Promise<void> {
    if (contacts.length === 0) return;
    await execute(
      manager,
      `UPDATE households h SET travel_contact = t.travel_contact FROM unnest($1::uuid[], $2::text[]) AS t(id, travel_contact) WHERE h.id = t.id`,
      [contacts.map((t) => t.id), contacts.map((t) => t.travelContact)],
    );
  }

  /** One timeline row. */
  async addTimeline(manager: EntityManager, entry: TimelineWrite): Promise<void> {
    await execute(
      manager,
      `INSERT INTO household_timeline (id, household_id, occurred_at, kind, version, actor, changes, detail)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb)`,
      [uuidv7(), entry.householdId, entry.occurredAt ?? new Date(), entry.kind, entry.version, entry.actor, entry.changes, JSON.stringify(entry.detail)],
    );
  }

  /**
   * The timeline row, the audit row and the stored idempotent answer in one round trip.
   * idempotencyParams: storeIdempotentAnswerParams of the claim and its answer.
   */
  async addTimelineWith(
    manager: EntityManager,
    entry: TimelineWrite,
    also: { audit?: { actor: string; endpoint: string; outcome: AuditOutcome }; idempotencyParams?: unknown[] },
  ): Promise<void> {
    const params: unknown[] = [uuidv7(), entry.householdId, entry.occurredAt ?? new Date(), entry.kind, entry.version, entry.actor, entry.changes,
      JSON.stringify(entry.detail)];
    const statements = [
      `INSERT INTO household_timeline (id, household_id, occurred_at, kind, version, actor, changes, detail)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb)`,
    ];
    if (also.audit) {
      const n = params.length;
      params.push(uuidv7(), also.audit.actor, also.audit.endpoint, also.audit.outcome);
      statements.push(`INSERT INTO audit_log (id, actor, household_id, endpoint, outcome) VALUES ($${n + 1}, $${n + 2}, $2, $${n + 3}, $${n + 4})`);
    }
    if (also.idempotencyParams) {
      const n = params.length;
      params.push(...also.idempotencyParams);
      statements.push(storeIdempotentAnswerSql(n + 1));
    }
    const last = statements.pop() ?? '';
    await execute(manager, statements.length ? `WITH ${statements.map((sql, i) => `w${i} AS (${sql})`).join(', ')} ${last}` : last, params);
  }

  /** Many timeline rows in one statement (rows as one JSON parameter, so no parameter limit). */
  async addTimelineMany(manager: EntityManager, rows: (TimelineWrite & { occurredAt: Date })[]): Promise<void> {
    if (rows.length === 0) return;
    await execute(
      manager,
      `INSERT INTO household_timeline (id, household_id, occurred_at, kind, version, actor, changes, detail)
       SELECT id, household_id, occurred_at, kind, version, actor, changes, detail
       FROM json_to_recordset($1::json) AS t(id uuid, household_id uuid, occurred_at timestamptz, kind text, version integer,
         actor text, changes text[], detail jsonb)`,
      [
        JSON.stringify(
          rows.map((r) => ({
            id: uuidv7(), household_id: r.householdId, occurred_at: r.occurredAt.toISOString(), kind: r.kind, version: r.version,
            actor: r.actor, changes: r.changes, detail: r.detail,
          })),
        ),
      ],
    );
  }

  /** One page of the list (newest first) and the total of the filter. */
  async list(runner: SqlRunner, filter: HouseholdListFilter, page: number, pageSize: number): Promise<{ items: HouseholdSummary[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: (p: string) => string, value: unknown) => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    if (filter.camps !== 'all') add((p) => `h.camp_id = ANY(${p}::text[])`, filter.camps);
    if (filter.campId !== undefined) add((p) => `h.camp_id = ${p}`, filter.campId);
    if (filter.status !== undefined) add((p) => `h.status = ${p}`, filter.status);
    if (filter.caseNumber !== undefined) add((p) => `h.case_number = ${p}`, filter.caseNumber);
    if (filter.phoneHash !== undefined) add((p) => `h.phone_hash = ${p}`, filter.phoneHash);
    if (filter.nameTokens !== undefined) {
      add((p) => `EXISTS (SELECT 1 FROM members m WHERE m.household_id = h.id AND m.name_tokens @> ${p}::text[])`, filter.nameTokens);
    }
    const sqlFilter = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = await queryRow(runner, 'HouseholdsRepository.list.total', z.object({ n: pg.int() }), `SELECT count(*)::int AS n FROM households h ${sqlFilter}`, params);
    const items = await queryRows(
      runner,
      'HouseholdsRepository.list',
      summaryRow,
      `SELECT h.id, h.camp_id AS "campId", h.case_number AS "caseNumber", h.status, h.destination_area AS "destinationArea",
              h.version, head.full_name_ar AS "headNameAr", head.full_name_latin AS "headNameLatin",
              (SELECT count(*)::int FROM members m WHERE m.household_id = h.id) AS members
       FROM households h
       LEFT JOIN members head ON head.household_id = h.id AND head.relationship = 'head'
       ${sqlFilter}
       ORDER BY h.registered_at DESC, h.id DESC
       LIMIT ${Math.trunc(pageSize)} OFFSET ${Math.trunc((page - 1) * pageSize)}`,
      params,
    );
    return { items, total: total?.n ?? 0 };
  }

  /** The timeline rows of a household in order; with `everything`, also what other services reported (no version). */
  async timeline(runner: SqlRunner, householdId: string, everything: boolean): Promise<TimelineRow[]> {
    return queryRows(
      runner,
      'HouseholdsRepository.timeline',
      timelineRow,
      `SELECT occurred_at AS "occurredAt", kind, version, actor, changes, detail
       FROM household_timeline WHERE household_id = $1 ${everything ? '' : 'AND version IS NOT NULL'}
       ORDER BY occurred_at, id`,
      [householdId],
    );
  }

  /** The current names of a household's members. */
  async memberNames(runner: SqlRunner, householdId: string): Promise<MemberName[]> {
    return queryRows(
      runner,
      'HouseholdsRepository.memberNames',
      memberNameRow,
      `SELECT id, full_name_ar AS "fullNameAr", full_name_latin AS "fullNameLatin" FROM members WHERE household_id = $1`,
      [householdId],
    );
  }
}

function assemble(household: HouseholdRecord, row: AggregateRow | undefined, defaultPolicy: ConsentPolicy): HouseholdAggregate {
  return {
    household,
    members: row?.members ?? [],
    consents: new Map((row?.consents ?? []).map((c) => [c.memberId, c])),
    consentPolicy: row?.consentPolicy ?? defaultPolicy,
    unresolvedDuplicates: row?.unresolvedDuplicates ?? 0,
    guardianConsent: row?.guardianConsent ?? null,
  };
}
