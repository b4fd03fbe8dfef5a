import { Inject, Injectable } from '@nestjs/common';
import { claimIdempotencyKey, type IdempotencyClaim } from '../common/idempotency.interceptor.js';
import { retriedTransaction } from '../common/retried-transaction.js';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { canAccessCamp, type AuthUser } from '@awda/auth';
import { DomainError, SERVICE_CONFIG } from '@awda/bootstrap';
import type { RegistrationConfig } from '../config.js';
import { CONSENT_RECORDED_V1, HOUSEHOLD_WITHDRAWN_V1, type ConsentPolicy } from '@awda/contracts';
import { AuditLogRepository } from '../common/audit-log.repository.js';
import { CampClock } from '../common/camp-clock.js';
import { campNotAllowed, householdClosed, householdRule, memberNotFound } from '../common/registration.errors.js';
import { recordDetail } from '../households/change-values.js';
import { HouseholdChanges, type SpecificEvent } from '../households/household-changes.js';
import { HouseholdsRepository } from '../households/households.repository.js';
import { ageOf } from '../households/member-age.js';
import { HouseholdsService } from '../households/households.service.js';
import { ConsentsRepository } from './consents.repository.js';
import { HouseholdReads } from '../households/household-reads.service.js';
import { missingConsents, missingItems, statusAfterDecision, type AdultDecision } from './consent-rules.js';
import { HouseholdKeys } from '../privacy/household-keys.js';
import type { RecordConsentDto } from './consent.dto.js';

export interface ConsentOutcome {
  consentId: string;
  householdStatus: string;
  version: number;
  /** Adults whose consent is still needed under the camp's policy. */
  missingConsents: string[];
  /** What is still missing, in words: e.g. "consent missing for 1 adult". */
  missing: string[];
}

export interface ConsentEntry {
  id: string;
  memberId: string;
  decision: string;
  decidedOn: string;
  method: string;
  formReference: string | null;
  recordedBy: string;
  recordedAt: string;
  correctsConsentId: string | null;
  superseded: boolean;
}

/** Each adult's decision to return, or not; a withdrawal is a respected state, not an error. */
@Injectable()
export class ConsentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: HouseholdsRepository,
    private readonly consents: ConsentsRepository,
    private readonly changes: HouseholdChanges,
    private readonly households: HouseholdsService,
    private readonly query: HouseholdReads,
    private readonly audit: AuditLogRepository,
    private readonly clock: CampClock,
    private readonly keys: HouseholdKeys,
    @Inject(SERVICE_CONFIG) private readonly config: RegistrationConfig,
  ) {}

  /**
   * Records one adult's decision. With an Idempotency-Key, the key is claimed and the answer stored
   * in this same transaction: a crash at any point leaves either nothing (a retry runs again) or the
   * decision with its answer (a retry replays it), never a key stuck "in progress".
   */
  async record(user: AuthUser, householdId: string, dto: RecordConsentDto, idempotency?: IdempotencyClaim): Promise<ConsentOutcome> {
    // The camp's date: a form signed after midnight in the camp is dated today there, still yesterday in UTC.
    if (dto.decidedOn > this.clock.today()) throw householdRule('DATE_IN_FUTURE', 'decidedOn: the decision date cannot be in the future', 'decidedOn');
    const correcting = dto.correctsConsentId !== undefined;
    if (correcting && !user.roles.some((r) => r === 'supervisor' || r === 'admin')) {
      throw new DomainError('REGISTRATION.SUPERVISOR_ONLY', 'Only a supervisor can correct a recorded decision', 403);
    }
    // About ten round trips: the aggregate read once (members, latest consents, policy) serves the
    // checks, the new status and the snapshot; the timeline row and the stored answer go together.
    return retriedTransaction(this.dataSource, async (manager) => {
      if (idempotency) await claimIdempotencyKey(manager, idempotency);
      const household = await this.households.accessible(manager, user, householdId, 'POST /households/:id/consents');
      if (household.status === 'closed' || household.status === 'departed') throw householdClosed();
      const before = await this.store.aggregate(manager, household);
      const member = before.members.find((m) => m.id === dto.memberId);
      if (member === undefined) throw memberNotFound();
      const adultAge = this.config.ADULT_AGE;
      if (ageOf(member) < adultAge) {
        throw householdRule(
          'NOT_AN_ADULT',
          `memberId: consent is recorded for adults (${adultAge} or older) only; for a household with no adult, record its guardian's consent or a best-interests decision (POST /households/:id/guardian-consents)`,
          'memberId',
        );
      }
      if (dto.correctsConsentId !== undefined) {
        if (!(await this.consents.supersede(manager, dto.correctsConsentId, householdId, dto.memberId))) {
          throw householdRule('CONSENT_NOT_FOUND', 'correctsConsentId: no current decision of this member with this id', 'correctsConsentId');
        }
      }
      const consentId = uuidv7();
      await this.consents.insert(manager, {
        id: consentId, householdId, memberId: dto.memberId, decision: dto.decision, decidedOn: dto.decidedOn, method: dto.method,
        formReference: dto.formReference ?? null, recordedBy: user.sub, correctsConsentId: dto.correctsConsentId ?? null,
      });
      // The decision just recorded is the member's latest (the household row is locked: no other in between).
      const latest = new Map(before.consents);
      latest.set(dto.memberId, { memberId: dto.memberId, consentId, decision: dto.decision, decidedOn: dto.decidedOn });
      const adults: AdultDecision[] = before.members
        .filter((m) => ageOf(m) >= adultAge)
        .map((m) => ({ memberId: m.id, isHead: m.relationship === 'head', decision: latest.get(m.id)?.decision ?? null }));
      const status = statusAfterDecision(household.status, adults);
      const columns: Record<string, unknown> = status === household.status ? {} : { status };
      if (status === 'withdrawn') Object.assign(columns, { convoy_id: null, departure_date: null });
      const saved = await this.changes.save(manager, household, columns);
      const events: SpecificEvent[] = [
        {
          subject: CONSENT_RECORDED_V1,
          data: {
            householdId, campId: household.campId, memberId: dto.memberId, consentId, decision: dto.decision,
            decidedOn: dto.decidedOn, method: dto.method, version: saved.version,
          },
        },
      ];
      const withdrawnNow = status === 'withdrawn' && household.status !== 'withdrawn';
      if (withdrawnNow) {
        events.push({
          subject: HOUSEHOLD_WITHDRAWN_V1,
          data: { householdId, campId: household.campId, memberId: dto.memberId, withdrawnOn: dto.decidedOn, version: saved.version },
        });
      }
      const outcome: ConsentOutcome = {
        consentId, householdStatus: status, version: saved.version, missingConsents: missingConsents(adults, before.consentPolicy),
        missing: missingItems(adults, before.consentPolicy, null),
      };
      await this.changes.publish(
        manager,
        saved,
        {
          kind: withdrawnNow ? 'withdrawn' : correcting ? 'consent_corrected' : 'consent',
          changes: status === household.status ? ['consent'] : ['consent', 'status'],
          actor: user.sub,
          detail: {
            ...recordDetail(await this.keys.cipherFor(manager, householdId), householdId, {
              member: { id: member.id, fullNameAr: member.fullNameAr, fullNameLatin: member.fullNameLatin },
              values: status === household.status ? undefined : { status: { from: household.status, to: status } },
            }),
            decision: dto.decision,
            method: dto.method,
            status,
          },
          events,
        },
        { ...before, household: saved, consents: latest },
        { idempotency: idempotency ? { claim: idempotency, answer: outcome } : undefined },
      );
      return outcome;
    });
  }

  async list(user: AuthUser, householdId: string): Promise<ConsentEntry[]> {
    await this.query.visible(user, householdId, 'GET /households/:id/consents');
    await this.audit.record(user.sub, [householdId], 'GET /households/:id/consents', 'read');
    const rows = await this.consents.list(this.dataSource, householdId);
    return rows.map((r) => ({ ...r, recordedAt: new Date(r.recordedAt).toISOString() }));
  }

  async policy(user: AuthUser, campId: string): Promise<{ campId: string; policy: ConsentPolicy }> {
    if (!canAccessCamp(user, campId)) throw campNotAllowed();
    return { campId, policy: await this.store.consentPolicy(this.dataSource.manager, campId) };
  }

  /** Sets a camp's policy; every open household of the camp gets a new snapshot with it. */
  async setPolicy(user: AuthUser, campId: string, policy: ConsentPolicy): Promise<{ campId: string; policy: ConsentPolicy; households: number }> {
    if (!canAccessCamp(user, campId)) throw campNotAllowed();
    return this.dataSource.transaction(async (manager) => {
      const before = await this.store.consentPolicy(manager, campId);
      await this.consents.setPolicy(manager, campId, policy, user.sub);
      if (before === policy) return { campId, policy, households: 0 };
      const open = await this.store.lockOpenInCamp(manager, campId);
      for (const id of open) {
        const household = await this.store.find(manager, id);
        if (household === undefined) continue;
        const saved = await this.changes.save(manager, household);
        await this.changes.publish(manager, saved, { kind: 'consent_policy', changes: ['consent_policy'], actor: user.sub, detail: { policy } });
      }
      return { campId, policy, households: open.length };
    });
  }
}
