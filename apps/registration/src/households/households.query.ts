import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { campScope, canAccessCamp, type AuthUser } from '@awda/auth';
import { AuditLog } from '../common/audit.service.js';
import { campNotAllowed, householdNotFound } from '../common/registration.errors.js';
import { openDetail, type ChangeValues } from './change-values.js';
import type { ListHouseholdsQuery } from './dto/household.dto.js';
import { HouseholdPhones } from './household-phones.js';
import { HouseholdStore } from './household.store.js';
import type { HouseholdRecord } from './household.types.js';
import { householdView, type HouseholdView } from './household.view.js';
import { HouseholdErasedError, HouseholdKeys } from '../privacy/household-keys.js';
import { nameSearchTokens } from './member.writer.js';

export interface HouseholdSummary {
  id: string;
  campId: string;
  caseNumber: string;
  status: string;
  destinationArea: string;
  version: number;
  headNameAr: string | null;
  headNameLatin: string | null;
  members: number;
}

export interface HouseholdPage {
  items: HouseholdSummary[];
  page: number;
  pageSize: number;
  total: number;
}

export interface TimelineEntry {
  occurredAt: string;
  kind: string;
  version: number | null;
  actor: string | null;
  changes: string[];
  detail: Record<string, unknown>;
  /** What changed from what to what (phones and document numbers masked). */
  values?: ChangeValues;
  /** The member the entry is about, by name: the current name, or the name at the time for a member since removed. */
  member?: { id: string; fullNameAr: string; fullNameLatin: string | null };
}

/** Reads of households; each read of personal data leaves an audit row. */
@Injectable()
export class HouseholdsQuery {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: HouseholdStore,
    private readonly audit: AuditLog,
    private readonly keys: HouseholdKeys,
    private readonly phones: HouseholdPhones,
  ) {}

  async get(user: AuthUser, id: string, endpoint: string): Promise<HouseholdView> {
    const household = await this.visible(user, id, endpoint);
    const aggregate = await this.store.aggregate(this.dataSource.manager, household);
    await this.audit.record(user.sub, [id], endpoint, 'read');
    return householdView(aggregate, this.keys.cipherOf(household), this.store.adultAge);
  }

  /** The household if it exists in the user's camps; 404 otherwise, and the attempt is audited. */
  async visible(user: AuthUser, id: string, endpoint: string): Promise<HouseholdRecord> {
    const household = await this.store.find(this.dataSource.manager, id);
    if (household === undefined) throw householdNotFound();
    if (!canAccessCamp(user, household.campId)) {
      await this.audit.record(user.sub, [id], endpoint, 'denied');
      throw householdNotFound();
    }
    if (household.erasedAt !== null) throw new HouseholdErasedError();
    return household;
  }

  async list(user: AuthUser, query: ListHouseholdsQuery): Promise<HouseholdPage> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 25;
    if (query.campId !== undefined && !canAccessCamp(user, query.campId)) {
      // Looking into a camp the token does not cover: refused, and the attempt is on record.
      await this.audit.record(user.sub, [null], 'GET /households', 'denied');
      throw campNotAllowed();
    }
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: (p: string) => string, value: unknown) => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    const scope = campScope(user);
    if (scope !== 'all') add((p) => `h.camp_id = ANY(${p}::text[])`, scope);
    if (query.campId !== undefined) add((p) => `h.camp_id = ${p}`, query.campId);
    if (query.status !== undefined) add((p) => `h.status = ${p}`, query.status);
    if (query.caseNumber !== undefined) add((p) => `h.case_number = ${p}`, query.caseNumber);
    if (query.phone !== undefined) add((p) => `h.phone_hash = ${p}`, this.phones.lookupHash(query.phone) ?? '-');
    if (query.name !== undefined) {
      const tokens = nameSearchTokens(query.name);
      add((p) => `EXISTS (SELECT 1 FROM members m WHERE m.household_id = h.id AND m.name_tokens @> ${p}::text[])`, tokens);
    }
    const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const totals: { n: number }[] = await this.dataSource.query(`SELECT count(*)::int AS n FROM households h ${filter}`, params);
    const items: HouseholdSummary[] = await this.dataSource.query(
      `SELECT h.id, h.camp_id AS "campId", h.case_number AS "caseNumber", h.status, h.destination_area AS "destinationArea",
              h.version, head.full_name_ar AS "headNameAr", head.full_name_latin AS "headNameLatin",
              (SELECT count(*)::int FROM members m WHERE m.household_id = h.id) AS members
       FROM households h
       LEFT JOIN members head ON head.household_id = h.id AND head.relationship = 'head'
       ${filter}
       ORDER BY h.registered_at DESC, h.id DESC
       LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
      params,
    );
    await this.audit.record(user.sub, items.map((i) => i.id), 'GET /households', 'read');
    return { items, page, pageSize, total: totals[0]?.n ?? 0 };
  }

  /**
   * Changes of the household (versioned rows); with `everything`, also what other services reported.
   * Each entry with its values from and to, and the member it is about by name (the reader has access
   * to the household: the visibility check comes first and the read is audited).
   */
  async history(user: AuthUser, id: string, endpoint: string, everything = false): Promise<TimelineEntry[]> {
    const household = await this.visible(user, id, endpoint);
    await this.audit.record(user.sub, [id], endpoint, 'read');
    const cipher = this.keys.cipherOf(household);
    const rows: (Omit<TimelineEntry, 'occurredAt'> & { occurredAt: Date })[] = await this.dataSource.query(
      `SELECT occurred_at AS "occurredAt", kind, version, actor, changes, detail
       FROM household_timeline WHERE household_id = $1 ${everything ? '' : 'AND version IS NOT NULL'}
       ORDER BY occurred_at, id`,
      [id],
    );
    const names: { id: string; fullNameAr: string; fullNameLatin: string | null }[] = await this.dataSource.query(
      `SELECT id, full_name_ar AS "fullNameAr", full_name_latin AS "fullNameLatin" FROM members WHERE household_id = $1`,
      [id],
    );
    const current = new Map(names.map((n) => [n.id, n]));
    return rows.map((row) => {
      const { detail, values, member } = openDetail(cipher, id, row.detail);
      const memberId = typeof detail['memberId'] === 'string' ? detail['memberId'] : undefined;
      const named = memberId === undefined ? undefined : (current.get(memberId) ?? (member ? { id: memberId, ...member } : undefined));
      return {
        ...row,
        occurredAt: new Date(row.occurredAt).toISOString(),
        detail,
        ...(values ? { values } : {}),
        ...(named ? { member: named } : {}),
      };
    });
  }

  async latestAssessment(householdId: string): Promise<Record<string, unknown> | null> {
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT status, reasons, assessment_version AS "assessmentVersion", household_version AS "householdVersion",
              assessed_at AS "assessedAt"
       FROM assessments WHERE household_id = $1`,
      [householdId],
    );
    return rows[0] ?? null;
  }
}
