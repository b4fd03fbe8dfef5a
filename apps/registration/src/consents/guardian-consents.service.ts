import { BadRequestException, Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { type AuthUser } from '@awda/auth';
import { DomainError, SERVICE_CONFIG } from '@awda/bootstrap';
import { HOUSEHOLD_WITHDRAWN_V1 } from '@awda/contracts';
import type { RegistrationConfig } from '../config.js';
import { AuditLogRepository } from '../common/audit-log.repository.js';
import { CampClock } from '../common/camp-clock.js';
import { claimIdempotencyKey, type IdempotencyClaim } from '../common/idempotency.interceptor.js';
import { householdClosed, householdRule } from '../common/registration.errors.js';
import { retriedTransaction } from '../common/retried-transaction.js';
import { HouseholdChanges, type SpecificEvent } from '../households/household-changes.js';
import { HouseholdPhones } from '../households/household-phones.js';
import { HouseholdsRepository } from '../households/households.repository.js';
import type { LatestGuardianConsent } from '../households/household.types.js';
import { ConsentsRepository } from './consents.repository.js';
import { HouseholdReads } from '../households/household-reads.service.js';
import { HouseholdsService } from '../households/households.service.js';
import { ageOf } from '../households/member-age.js';
import { isChildHeaded, missingItems, statusAfterDecision } from './consent-rules.js';
import { HouseholdKeys, openStored } from '../privacy/household-keys.js';
import type { RecordGuardianConsentDto } from './guardian-consent.dto.js';

export interface GuardianConsentOutcome {
  guardianConsentId: string;
  householdStatus: string;
  version: number;
  /** What is still missing before the household can travel, e.g. "guardian consent or best-interests decision missing". */
  missing: string[];
}

export interface GuardianConsentEntry {
  id: string;
  basis: string;
  decision: string;
  decidedOn: string;
  method: string | null;
  guardian: { fullName: string; relationship: string; phone: string } | null;
  bestInterests: { reference: string; contactPhone: string | null } | null;
  recordedBy: string;
  recordedByRole: string;
  recordedAt: string;
}

/** A refused phone, answered like any bad field: 400 naming the field. */
function phoneRefused(field: string): BadRequestException {
  return new BadRequestException({
    statusCode: 400,
    code: 'VALIDATION_FAILED',
    message: 'Some fields are missing or not valid',
    errors: [{ field, messages: [`${field} must be a mobile number of a country the camps' SMS reach (PHONE_COUNTRIES)`] }],
  });
}

/**
 * Consent for a household with no adult (no member of ADULT_AGE or older): a guardian's decision, or
 * a best-interests decision by a case worker or supervisor. The latest one is the household's, stands
 * in for the adults' consent, and decides where the family's SMS go (never the children's phone).
 */
@Injectable()
export class GuardianConsentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: HouseholdsRepository,
    private readonly consents: ConsentsRepository,
    private readonly changes: HouseholdChanges,
    private readonly households: HouseholdsService,
    private readonly query: HouseholdReads,
    private readonly phones: HouseholdPhones,
    private readonly audit: AuditLogRepository,
    private readonly clock: CampClock,
    private readonly keys: HouseholdKeys,
    @Inject(SERVICE_CONFIG) private readonly config: RegistrationConfig,
  ) {}

  async record(user: AuthUser, householdId: string, dto: RecordGuardianConsentDto, idempotency?: IdempotencyClaim): Promise<GuardianConsentOutcome> {
    if (dto.decidedOn > this.clock.today()) throw householdRule('DATE_IN_FUTURE', 'decidedOn: the decision date cannot be in the future', 'decidedOn');
    const role = dto.basis === 'best_interests' ? user.roles.find((r) => r === 'caseworker' || r === 'supervisor') : user.roles[0];
    if (role === undefined) {
      throw new DomainError('REGISTRATION.BEST_INTERESTS_STAFF_ONLY', 'A best-interests decision is taken by a case worker or a supervisor', 403);
    }
    const contact = dto.basis === 'guardian' ? dto.guardian?.phone : dto.bestInterests?.contactPhone;
    const contactField = dto.basis === 'guardian' ? 'guardian.phone' : 'bestInterests.contactPhone';
    const e164 = contact === undefined ? null : this.phones.e164(contact);
    if (contact !== undefined && e164 === null) throw phoneRefused(contactField);
    return retriedTransaction(this.dataSource, async (manager) => {
      if (idempotency) await claimIdempotencyKey(manager, idempotency);
      const household = await this.households.accessible(manager, user, householdId, 'POST /households/:id/guardian-consents');
      if (household.status === 'closed' || household.status === 'departed') throw householdClosed();
      const before = await this.store.aggregate(manager, household);
      if (!isChildHeaded(before.members.map(ageOf), this.config.ADULT_AGE)) {
        throw householdRule(
          'NOT_CHILD_HEADED',
          `basis: this household has a member aged ${this.config.ADULT_AGE} or older, who consents for themselves`,
          'basis',
        );
      }
      const id = uuidv7();
      const cipher = await this.keys.cipherFor(manager, householdId);
      const contactPhoneEncrypted = e164 === null ? null : cipher.encrypt(e164, householdId);
      // The guardian's name is personal data of the household's: encrypted with its key, gone with its erasure.
      const guardianName = dto.guardian === undefined ? null : cipher.encrypt(dto.guardian.fullName.trim(), householdId);
      await this.consents.insertGuardian(manager, {
        id, householdId, basis: dto.basis, decision: dto.decision, decidedOn: dto.decidedOn, method: dto.method ?? null, guardianName,
        guardianRelationship: dto.guardian?.relationship.trim() ?? null, bestInterestsReference: dto.bestInterests?.reference.trim() ?? null,
        contactPhoneEncrypted, recordedBy: user.sub, recordedByRole: role,
      });
      const latest: LatestGuardianConsent = { id, basis: dto.basis, decision: dto.decision, decidedOn: dto.decidedOn, contactPhoneEncrypted };
      // The guardian (or the best-interests decision) stands in for the adults the household does not have.
      const status = statusAfterDecision(household.status, [{ memberId: 'guardian', isHead: true, decision: dto.decision }]);
      const columns: Record<string, unknown> = status === household.status ? {} : { status };
      if (status === 'withdrawn') Object.assign(columns, { convoy_id: null, departure_date: null });
      const saved = await this.changes.save(manager, household, columns);
      const withdrawnNow = status === 'withdrawn' && household.status !== 'withdrawn';
      const head = before.members.find((m) => m.relationship === 'head') ?? before.members[0];
      const events: SpecificEvent[] = [];
      if (withdrawnNow && head !== undefined) {
        events.push({
          subject: HOUSEHOLD_WITHDRAWN_V1,
          // A child-headed household has no adult: the event names its head.
          data: { householdId, campId: household.campId, memberId: head.id, withdrawnOn: dto.decidedOn, version: saved.version },
        });
      }
      const outcome: GuardianConsentOutcome = {
        guardianConsentId: id,
        householdStatus: status,
        version: saved.version,
        missing: missingItems([], before.consentPolicy, dto.decision),
      };
      await this.changes.publish(
        manager,
        saved,
        {
          kind: withdrawnNow ? 'withdrawn' : 'guardian_consent',
          changes: status === household.status ? ['guardian_consent'] : ['guardian_consent', 'status'],
          actor: user.sub,
          // The timeline holds no names or phones: the basis, the relationship, the reference.
          detail: {
            basis: dto.basis,
            decision: dto.decision,
            decidedOn: dto.decidedOn,
            ...(dto.guardian ? { relationship: dto.guardian.relationship.trim() } : {}),
            ...(dto.bestInterests ? { reference: dto.bestInterests.reference.trim() } : {}),
            contactPhone: contactPhoneEncrypted !== null,
            status,
          },
          events,
        },
        { ...before, household: saved, guardianConsent: latest },
        { idempotency: idempotency ? { claim: idempotency, answer: outcome } : undefined },
      );
      return outcome;
    });
  }

  /** Every guardian consent and best-interests decision of the household, newest last (an audited read). */
  async list(user: AuthUser, householdId: string): Promise<GuardianConsentEntry[]> {
    const household = await this.query.visible(user, householdId, 'GET /households/:id/guardian-consents');
    const cipher = this.keys.cipherOf(household);
    await this.audit.record(user.sub, [householdId], 'GET /households/:id/guardian-consents', 'read');
    const rows = await this.consents.listGuardian(this.dataSource, householdId);
    return rows.map((r) => {
      const phone = r.contactPhoneEncrypted === null ? null : cipher.decrypt(r.contactPhoneEncrypted, householdId);
      const guardianName = r.guardianName === null ? '' : openStored(cipher, r.guardianName, householdId);
      return {
        id: r.id,
        basis: r.basis,
        decision: r.decision,
        decidedOn: r.decidedOn,
        method: r.method,
        guardian: r.basis === 'guardian' ? { fullName: guardianName, relationship: r.guardianRelationship ?? '', phone: phone ?? '' } : null,
        bestInterests: r.basis === 'best_interests' ? { reference: r.bestInterestsReference ?? '', contactPhone: phone } : null,
        recordedBy: r.recordedBy,
        recordedByRole: r.recordedByRole,
        recordedAt: new Date(r.recordedAt).toISOString(),
      };
    });
  }
}
