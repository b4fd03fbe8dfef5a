import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { campScope, type AuthUser } from '@awda/auth';
import { waivableRuleIds } from '@awda/eligibility-rules';
import { Assessor } from '../assessments/assessor.js';
import { AssessmentsRepository } from '../assessments/assessments.repository.js';
import { CampAccess } from '../assessments/camp-access.js';
import { AuditLogRepository } from '../audit/audit-log.repository.js';
import { ELIGIBILITY_CLOCK, type Clock } from '../clock.js';
import { EligibilityConfig } from '../config.js';
import { householdFacts } from '../households/household-record.js';
import { HouseholdsRepository } from '../households/households.repository.js';
import { RuleSetsRepository } from '../rule-sets/rule-sets.repository.js';
import type { CreateOverrideDto } from './dto/create-override.dto.js';
import { OverridesRepository, type OverrideRow } from './overrides.repository.js';
import {
  householdNotAssessable,
  overrideAlreadyRevoked,
  overrideExpiryPast,
  overrideExpiryTooLate,
  overrideNothingToWaive,
  overrideNotFound,
  overrideRuleNotWaivable,
  overrideRuleUnknown,
  overrideWaivesIneligible,
} from './overrides.errors.js';

const DAY_MS = 86_400_000;

export interface OverrideView {
  id: string;
  householdId: string;
  campId: string;
  outcome: 'eligible' | 'ineligible';
  reason: string;
  /** Rule ids an eligible override waives; every other rule still decides. */
  waives: string[];
  expiresAt: string | null;
  createdBy: string;
  createdAt: string;
  revokedAt: string | null;
  revokedBy: string | null;
  revokeReason: string | null;
}

const viewOf = (row: OverrideRow): OverrideView => ({
  id: row.id,
  householdId: row.household_id,
  campId: row.camp_id,
  outcome: row.outcome,
  reason: row.reason,
  waives: row.waives,
  expiresAt: row.expires_at?.toISOString() ?? null,
  createdBy: row.created_by,
  createdAt: row.created_at.toISOString(),
  revokedAt: row.revoked_at?.toISOString() ?? null,
  revokedBy: row.revoked_by,
  revokeReason: row.revoke_reason,
});

/**
 * A supervisor's decision for one household: "ineligible" stops it; "eligible" waives the rules it
 * names (by default those failing now), never consent, withdrawal or the destination area, and expires
 * (a default lifetime, an explicit expiry up to a cap). One in force at a time (a new one replaces the
 * old), audited, re-evaluated at once and again when it expires.
 */
@Injectable()
export class OverridesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly households: HouseholdsRepository,
    private readonly assessor: Assessor,
    private readonly access: CampAccess,
    private readonly audit: AuditLogRepository,
    private readonly ruleSets: RuleSetsRepository,
    private readonly overrides: OverridesRepository,
    private readonly assessments: AssessmentsRepository,
    @Inject(EligibilityConfig) private readonly config: EligibilityConfig,
    @Inject(ELIGIBILITY_CLOCK) private readonly clock: Clock,
  ) {}

  async create(user: AuthUser, householdId: string, dto: CreateOverrideDto): Promise<OverrideView> {
    const campId = await this.access.householdCamp(user, householdId, 'POST /households/:householdId/overrides');
    if (dto.outcome === 'ineligible' && dto.waives) throw overrideWaivesIneligible();
    const expiresAt = this.expiryOf(dto, this.clock.now());
    return this.dataSource.transaction(async (manager) => {
      const household = await this.households.lock(manager, householdId);
      if (!household || !householdFacts(household)) throw householdNotAssessable();
      const waives = dto.outcome === 'eligible' ? await this.waivesOf(manager, householdId, dto.waives) : [];
      const id = uuidv7();
      await this.overrides.revokeInForce(manager, householdId, user.sub, `replaced by override ${id}`);
      const row = await this.overrides.insert(manager, {
        id,
        householdId,
        campId,
        outcome: dto.outcome,
        reason: dto.reason,
        waives,
        expiresAt,
        createdBy: user.sub,
      });
      await this.audit.record(manager, {
        actor: user.sub,
        action: 'override.created',
        householdId,
        details: { overrideId: id, outcome: dto.outcome, waives, expiresAt: expiresAt?.toISOString() ?? null },
      });
      await this.assessor.assess(manager, [household]);
      return viewOf(row);
    });
  }

  async revoke(user: AuthUser, overrideId: string, reason: string): Promise<OverrideView> {
    const override = await this.overrides.find(this.dataSource.manager, overrideId);
    if (!override) throw overrideNotFound();
    await this.access.householdCamp(user, override.household_id, 'POST /overrides/:id/revoke');
    return this.dataSource.transaction(async (manager) => {
      const household = await this.households.lock(manager, override.household_id);
      const revoked = await this.overrides.revoke(manager, overrideId, user.sub, reason);
      if (!revoked) throw overrideAlreadyRevoked();
      await this.audit.record(manager, {
        actor: user.sub,
        action: 'override.revoked',
        householdId: override.household_id,
        details: { overrideId, reason },
      });
      if (household) await this.assessor.assess(manager, [household]);
      return viewOf(revoked);
    });
  }

  async historyOf(user: AuthUser, householdId: string): Promise<OverrideView[]> {
    await this.access.householdCamp(user, householdId, 'GET /households/:householdId/overrides');
    const rows = await this.overrides.historyOf(this.dataSource.manager, householdId);
    return rows.map(viewOf);
  }

  async inForce(user: AuthUser, campId: string | undefined): Promise<OverrideView[]> {
    if (campId) await this.access.assertCamp(user, campId, 'GET /overrides');
    const scope = campScope(user);
    const camps = campId ? [campId] : scope === 'all' ? null : scope;
    const rows = await this.overrides.inForce(this.dataSource.manager, camps);
    return rows.map(viewOf);
  }

  /**
   * Re-evaluates households whose override has just expired, one transaction each; the household lock
   * is taken before the override's, as in create and revoke. Returns how many were handled.
   */
  async handleExpired(): Promise<number> {
    const due = await this.overrides.expiredUnhandled(this.dataSource.manager);
    let handled = 0;
    for (const { id, household_id: householdId } of due) {
      handled += await this.dataSource.transaction(async (manager) => this.expire(manager, id, householdId));
    }
    return handled;
  }

  private async expire(manager: EntityManager, overrideId: string, householdId: string): Promise<number> {
    const household = await this.households.lock(manager, householdId);
    if (!(await this.overrides.markExpiryHandled(manager, overrideId))) return 0;
    if (household) await this.assessor.assess(manager, [household]);
    return 1;
  }

  /**
   * When an override ends: as asked (in the future; for "eligible" at most the cap away), else an
   * "eligible" one after the default lifetime. An "ineligible" one may hold a family until revoked.
   */
  private expiryOf(dto: CreateOverrideDto, now: Date): Date | null {
    if (dto.expiresAt) {
      const asked = new Date(dto.expiresAt);
      if (asked.getTime() <= now.getTime()) throw overrideExpiryPast();
      const latest = new Date(now.getTime() + this.config.OVERRIDE_MAX_DAYS * DAY_MS);
      if (dto.outcome === 'eligible' && asked.getTime() > latest.getTime()) throw overrideExpiryTooLate(this.config.OVERRIDE_MAX_DAYS, latest);
      return asked;
    }
    return dto.outcome === 'eligible' ? new Date(now.getTime() + this.config.OVERRIDE_DEFAULT_DAYS * DAY_MS) : null;
  }

  /** The rules an eligible override waives: those named, checked; by default the waivable ones failing now. */
  private async waivesOf(manager: EntityManager, householdId: string, named: readonly string[] | undefined): Promise<string[]> {
    const ruleSet = await this.ruleSets.active(manager);
    const ruleIds = ruleSet.rules.map((rule) => rule.id);
    const waivable = new Set(waivableRuleIds(ruleSet));
    if (named) {
      const unknown = named.filter((id) => !ruleIds.includes(id));
      if (unknown.length > 0) throw overrideRuleUnknown(unknown);
      const protectedRules = named.filter((id) => !waivable.has(id));
      if (protectedRules.length > 0) throw overrideRuleNotWaivable(protectedRules);
      return ruleIds.filter((id) => named.includes(id));
    }
    const result = await this.assessments.resultOf(manager, householdId);
    const failing = new Set((result?.reasons ?? []).map((reason) => reason.ruleId));
    const waives = ruleIds.filter((id) => waivable.has(id) && failing.has(id));
    if (waives.length === 0) throw overrideNothingToWaive();
    return waives;
  }
}
