import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { campScope, canAccessCamp, type AuthUser } from '@awda/auth';
import { AuditLogRepository } from '../common/audit-log.repository.js';
import { campNotAllowed, householdNotFound } from '../common/registration.errors.js';
import { openDetail, type ChangeValues } from './change-values.js';
import type { ListHouseholdsQuery } from './dto/household.dto.js';
import { HouseholdPhones } from './household-phones.js';
import { HouseholdsRepository, type HouseholdSummary } from './households.repository.js';
import { AssessmentsRepository, type LatestAssessmentRow } from '../household-status/assessments.repository.js';
import type { HouseholdRecord } from './household.types.js';
import { householdView, type HouseholdView } from './household.view.js';
import { HouseholdErasedError, HouseholdKeys } from '../privacy/household-keys.js';
import { nameSearchTokens } from './member-keys.js';

export type { HouseholdSummary };

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
export class HouseholdReads {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: HouseholdsRepository,
    private readonly assessments: AssessmentsRepository,
    private readonly audit: AuditLogRepository,
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
    const { items, total } = await this.store.list(
      this.dataSource.manager,
      {
        camps: campScope(user),
        campId: query.campId,
        status: query.status,
        caseNumber: query.caseNumber,
        phoneHash: query.phone === undefined ? undefined : (this.phones.lookupHash(query.phone) ?? '-'),
        nameTokens: query.name === undefined ? undefined : nameSearchTokens(query.name),
      },
      page,
      pageSize,
    );
    await this.audit.record(user.sub, items.map((i) => i.id), 'GET /households', 'read');
    return { items, page, pageSize, total };
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
    const rows = await this.store.timeline(this.dataSource.manager, id, everything);
    const names = await this.store.memberNames(this.dataSource.manager, id);
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

  async latestAssessment(householdId: string): Promise<LatestAssessmentRow | null> {
    return (await this.assessments.latest(this.dataSource.manager, householdId)) ?? null;
  }
}
