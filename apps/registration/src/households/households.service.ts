import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { canAccessCamp, type AuthUser } from '@awda/auth';
import { isUniqueViolation } from '@awda/persistence';
import { CorridorCoverage, destinationWarnings, type DestinationWarning } from '../corridors/corridor-coverage.js';
import { AuditLogRepository } from '../common/audit-log.repository.js';
import {
  claimIdempotencyKey,
  storeIdempotentAnswerParams,
  type IdempotencyClaim,
} from '../common/idempotency.interceptor.js';
import {
  campNotAllowed,
  caseNumberTaken,
  householdClosed,
  householdNotFound,
  householdRule,
  memberNotFound,
  unknownArea,
  versionMismatch,
} from '../common/registration.errors.js';
import { retriedTransaction } from '../common/retried-transaction.js';
import { DuplicateQueue } from '../duplicates/duplicate.queue.js';
import type { MatchMember } from '../duplicates/duplicates.repository.js';
import { changed, maskDocument, maskPhone, recordDetail, type ChangeRecord, type ChangeValues } from './change-values.js';
import type { CreateHouseholdDto, UpdateHouseholdDto } from './dto/household.dto.js';
import type { MemberDto, UpdateMemberDto } from './dto/member.dto.js';
import { HouseholdChanges, type SpecificEvent } from './household-changes.js';
import { HouseholdPhones, type PhoneReading } from './household-phones.js';
import { HouseholdErasedError, HouseholdKeys, openShelter, type PersonalCipher } from '../privacy/household-keys.js';
import { HouseholdsRepository } from './households.repository.js';
import { IdempotencyKeysRepository } from '../common/idempotency-keys.repository.js';
import type { HouseholdRecord, MemberRecord } from './household.types.js';
import { householdView, type HouseholdView } from './household.view.js';
import { MembersRepository } from './members.repository.js';

/** Registering and changing households and members; every change is versioned and sent as events. */
@Injectable()
export class HouseholdsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: HouseholdsRepository,
    private readonly changes: HouseholdChanges,
    private readonly members: MembersRepository,
    private readonly idempotencyKeys: IdempotencyKeysRepository,
    private readonly duplicates: DuplicateQueue,
    private readonly coverage: CorridorCoverage,
    private readonly audit: AuditLogRepository,
    private readonly keys: HouseholdKeys,
    private readonly phones: HouseholdPhones,
  ) {}

  /**
   * Registers a household in one transaction of about nine round trips and one commit: the
   * Idempotency-Key claim, the identity locks, the household and its data key (with the area check,
   * one statement), members and documents (one statement), the duplicate search and queue, the aggregate (one statement), the outbox, then
   * timeline + audit + the stored idempotent answer (one statement).
   */
  async create(user: AuthUser, dto: CreateHouseholdDto, idempotency?: IdempotencyClaim): Promise<HouseholdView> {
    if (!canAccessCamp(user, dto.campId)) throw campNotAllowed();
    assertOneHead(dto.members);
    const id = uuidv7();
    const reading = this.readPhone(dto.phone ?? null);
    try {
      // Retried whole if PostgreSQL breaks a deadlock with another registration or change.
      return await retriedTransaction(this.dataSource, async (manager) => {
        if (idempotency) await claimIdempotencyKey(manager, idempotency);
        const { cipher, key } = this.keys.prepareOne(id);
        const phone = this.phones.seal(cipher, id, reading);
        await this.duplicates.lockIdentities(manager, [phone.phone_hash, ...dto.members.flatMap((m) => this.documentHashes(m.documents))]);
        // The area check and the insert in one statement; no row back = unknown area (checked before
        // the case number, as before). Whether a convoy route serves the destination comes back with it.
        const inserted = await this.store.insertIfAreaExists(manager, {
          id, campId: dto.campId, caseNumber: dto.caseNumber, shelterLocationEncrypted: dto.shelterLocation ? cipher.encrypt(dto.shelterLocation, id) : null,
          destinationArea: dto.destinationArea, language: dto.language, phoneEncrypted: phone.phone_encrypted, phoneHash: phone.phone_hash,
          createdBy: user.sub,
        }, key);
        if (inserted === undefined) throw unknownArea('destinationArea', dto.destinationArea);
        const { destinationServed, household } = inserted;
        const memberIds = await this.members.insert(manager, id, dto.members, 0, cipher);
        const flagged = await this.duplicates.check(manager, { id, campId: dto.campId }, user.sub, matchMembers(memberIds, dto.members));
        // Registering changes no other column of this household: the record inserted above is current.
        const aggregate = await this.store.aggregate(manager, household);
        const change = {
          kind: 'registered',
          changes: ['registered'],
          actor: user.sub,
          detail: { members: dto.members.length, possibleDuplicates: flagged },
          registered: true,
          events: [this.contactChanged(household)],
        };
        const warnings = destinationWarnings(dto.destinationArea, destinationServed);
        const view = { ...householdView(aggregate, cipher, this.store.adultAge), ...(warnings.length > 0 ? { warnings } : {}) };
        await this.changes.publish(manager, household, change, aggregate, {
          audit: { actor: user.sub, endpoint: 'POST /households', outcome: 'read' },
          idempotency: idempotency ? { claim: idempotency, answer: view } : undefined,
        });
        return view;
      });
    } catch (error) {
      if (isUniqueViolation(error, 'households_camp_case_unique')) throw caseNumberTaken(dto.caseNumber);
      throw error;
    }
  }

  async update(user: AuthUser, id: string, expected: number, dto: UpdateHouseholdDto): Promise<HouseholdView> {
    try {
      return await this.change(user, id, expected, 'PATCH /households/:id', async (manager, household, cipher) => {
        const columns: Record<string, unknown> = {};
        const changes: string[] = [];
        const values: ChangeValues = {};
        const personal: ChangeValues = {};
        const warnings: DestinationWarning[] = [];
        if (dto.caseNumber !== undefined && dto.caseNumber !== household.caseNumber) {
          columns['case_number'] = dto.caseNumber;
          changes.push('caseNumber');
          changed(values, 'caseNumber', household.caseNumber, dto.caseNumber);
        }
        const shelter = openShelter(cipher, household);
        if (dto.shelterLocation !== undefined && dto.shelterLocation !== shelter) {
          columns['shelter_location'] = dto.shelterLocation === null ? null : cipher.encrypt(dto.shelterLocation, household.id);
          changes.push('shelterLocation');
          changed(personal, 'shelterLocation', shelter, dto.shelterLocation);
        }
        if (dto.destinationArea !== undefined && dto.destinationArea !== household.destinationArea) {
          const destination = await this.coverage.servedOf(manager, dto.destinationArea);
          if (!destination.exists) throw unknownArea('destinationArea', dto.destinationArea);
          warnings.push(...destinationWarnings(dto.destinationArea, destination.served));
          columns['destination_area'] = dto.destinationArea;
          changes.push('destination');
          changed(values, 'destination', household.destinationArea, dto.destinationArea);
        }
        if (dto.language !== undefined && dto.language !== household.language) {
          columns['language'] = dto.language;
          changes.push('language');
          changed(values, 'language', household.language, dto.language);
        }
        if (dto.phone !== undefined) {
          const phone = this.phones.seal(cipher, household.id, this.readPhone(dto.phone));
          if (phone.phone_hash !== household.phoneHash) {
            Object.assign(columns, phone);
            changes.push('phone');
            const before = household.phoneEncrypted === null ? null : cipher.decrypt(household.phoneEncrypted, household.id);
            values['phone'] = { from: maskPhone(before), to: maskPhone(dto.phone === null ? null : this.phones.e164(dto.phone)) };
          }
        }
        return { columns, changed: changes, record: { values, personal }, warnings };
      }, dto.phone === undefined ? [] : [this.phoneHashOf(dto.phone)]);
    } catch (error) {
      if (isUniqueViolation(error, 'households_camp_case_unique')) throw caseNumberTaken(dto.caseNumber ?? '');
      throw error;
    }
  }

  async addMember(user: AuthUser, id: string, expected: number, dto: MemberDto, idempotency?: IdempotencyClaim): Promise<HouseholdView> {
    return this.change(user, id, expected, 'POST /households/:id/members', async (manager, household) => {
      const current = await this.store.members(manager, [household.id]);
      if (current.length >= 40) throw householdRule('TOO_MANY_MEMBERS', 'A household has at most 40 members', 'members');
      if (dto.relationship === 'head') throw householdRule('ONE_HEAD', 'This household already has a head', 'relationship');
      const [memberId] = await this.members.insert(manager, household.id, [dto], Math.max(-1, ...current.map((m) => m.position)) + 1);
      const member = { id: memberId ?? '', fullNameAr: dto.fullNameAr.trim(), fullNameLatin: dto.fullNameLatin?.trim() || null };
      return { columns: {}, changed: ['members'], checkDuplicates: true, record: { member, values: { relationship: { from: null, to: dto.relationship } } } };
    }, this.documentHashes(dto.documents), idempotency);
  }

  async updateMember(user: AuthUser, id: string, memberId: string, expected: number, dto: UpdateMemberDto): Promise<HouseholdView> {
    return this.change(user, id, expected, 'PATCH /households/:id/members/:memberId', async (manager, household, cipher) => {
      const members = await this.store.members(manager, [household.id]);
      const member = members.find((m) => m.id === memberId);
      if (member === undefined) throw memberNotFound();
      const isHead = member.relationship === 'head';
      if (dto.relationship !== undefined && (dto.relationship === 'head') !== isHead) {
        throw householdRule('ONE_HEAD', 'A household has exactly one head; change the head with a supervisor', 'relationship');
      }
      const columns: [string, unknown][] = [];
      const set = (column: string, value: unknown) => value !== undefined && columns.push([column, value]);
      set('full_name_ar', dto.fullNameAr?.trim());
      set('full_name_latin', dto.fullNameLatin === undefined ? undefined : dto.fullNameLatin?.trim() || null);
      set('sex', dto.sex);
      set('relationship', dto.relationship);
      set('needs', dto.needs);
      set('fit_to_travel', dto.fitToTravel);
      set('has_medical_clearance', dto.hasMedicalClearance);
      set('travel_mode', dto.travelMode);
      set('has_best_interests_determination', dto.hasBestInterestsDetermination);
      if (dto.dateOfBirth !== undefined) columns.push(['date_of_birth', dto.dateOfBirth], ['estimated_age', null]);
      else if (dto.estimatedAge !== undefined) {
        columns.push(['estimated_age', dto.estimatedAge], ['date_of_birth', null], ['age_recorded_on', new Date().toISOString().slice(0, 10)]);
      }
      await this.members.update(manager, memberId, columns);
      // The blocking keys carry the sex and the birth year as well as the names.
      const rekey = [dto.fullNameAr, dto.fullNameLatin, dto.sex, dto.dateOfBirth, dto.estimatedAge].some((v) => v !== undefined);
      if (rekey) await this.members.reindexNames(manager, memberId);
      if (dto.documents !== undefined) await this.members.replaceDocuments(manager, household.id, memberId, dto.documents);
      const changes = columns.length > 0 || dto.documents !== undefined ? ['members'] : [];
      return { columns: {}, changed: changes, checkDuplicates: true, record: this.memberChange(cipher, household.id, member, dto) };
    }, this.documentHashes(dto.documents));
  }

  async removeMember(user: AuthUser, id: string, memberId: string, expected: number): Promise<HouseholdView> {
    return this.change(user, id, expected, 'DELETE /households/:id/members/:memberId', async (manager, household) => {
      const members = await this.store.members(manager, [household.id]);
      const member = members.find((m) => m.id === memberId);
      if (member === undefined) throw memberNotFound();
      if (member.relationship === 'head') throw householdRule('ONE_HEAD', 'The head cannot be removed from the household', 'memberId');
      await this.members.remove(manager, memberId);
      const removed = { id: member.id, fullNameAr: member.fullNameAr, fullNameLatin: member.fullNameLatin };
      return { columns: {}, changed: ['members'], record: { member: removed, values: { relationship: { from: member.relationship, to: null } } } };
    });
  }

  /**
   * One change of a household: lock it, check the version the case worker saw, apply, bump the
   * version, and send household.updated (plus contact.changed when phone or language changed).
   */
  private async change(
    user: AuthUser,
    id: string,
    expected: number,
    endpoint: string,
    apply: (
      manager: EntityManager,
      household: HouseholdRecord,
      cipher: PersonalCipher,
    ) => Promise<{
      columns: Record<string, unknown>;
      changed: string[];
      checkDuplicates?: boolean;
      record?: ChangeRecord;
      warnings?: DestinationWarning[];
    }>,
    /** With a duplicate check: the phone or document hashes the change brings (see DuplicateQueue.lockIdentities). */
    identities?: (string | null)[],
    /** The Idempotency-Key, claimed first and answered last in this transaction (see IdempotencyInTransaction). */
    idempotency?: IdempotencyClaim,
  ): Promise<HouseholdView> {
    // Two changes of households that each find the other as a new possible duplicate lock their own
    // row, then the other's: PostgreSQL aborts one, which runs again and finds the pair queued.
    return retriedTransaction(this.dataSource, async (manager) => {
      if (idempotency) await claimIdempotencyKey(manager, idempotency);
      if (identities !== undefined) await this.duplicates.lockIdentities(manager, identities, id);
      const household = await this.accessible(manager, user, id, endpoint);
      if (household.status === 'closed' || household.status === 'departed') throw householdClosed();
      if (household.version !== expected) throw versionMismatch(household.version);
      // Gives a household registered before data keys its key: what this change writes is encrypted with it.
      const cipher = await this.keys.cipherFor(manager, id);
      const { columns, changed, checkDuplicates, record, warnings = [] } = await apply(manager, household, cipher);
      const answer = async (plain: HouseholdView) => {
        const view = warnings.length > 0 ? { ...plain, warnings } : plain;
        if (idempotency) await this.idempotencyKeys.storeAnswer(manager, storeIdempotentAnswerParams(idempotency, view));
        return view;
      };
      if (changed.length === 0) return answer(householdView(await this.store.aggregate(manager, household), cipher, this.store.adultAge));
      let saved = await this.changes.save(manager, household, columns);
      const events: SpecificEvent[] = [];
      if (changed.includes('phone') || changed.includes('language')) events.push(this.contactChanged(saved));
      const reindex = checkDuplicates || changed.includes('phone');
      const flagged = reindex ? await this.duplicates.check(manager, saved, user.sub) : 0;
      if (flagged > 0) saved = (await this.store.find(manager, id)) ?? saved;
      await this.changes.publish(manager, saved, {
        kind: 'updated',
        changes: flagged > 0 ? [...changed, 'duplicates'] : changed,
        actor: user.sub,
        detail: { ...recordDetail(cipher, id, record ?? {}), ...(flagged > 0 ? { possibleDuplicates: flagged } : {}) },
        events,
      });
      await this.audit.record(user.sub, [id], endpoint, 'read', manager);
      return answer(householdView(await this.store.aggregate(manager, saved), cipher, this.store.adultAge));
    });
  }

  /** The household if the user's camps include it; else 404 and an audit row of the attempt. */
  async accessible(manager: EntityManager, user: AuthUser, id: string, endpoint: string): Promise<HouseholdRecord> {
    const household = await this.store.find(manager, id, true);
    if (household === undefined) throw householdNotFound();
    if (!canAccessCamp(user, household.campId)) {
      await this.audit.record(user.sub, [id], endpoint, 'denied');
      throw householdNotFound();
    }
    if (household.erasedAt !== null) throw new HouseholdErasedError();
    return household;
  }

  /** Old and new values of one member's change: names and date of birth sealed, documents masked. */
  private memberChange(cipher: PersonalCipher, householdId: string, member: MemberRecord, dto: UpdateMemberDto): ChangeRecord {
    const values: ChangeValues = {};
    const personal: ChangeValues = {};
    changed(personal, 'fullNameAr', member.fullNameAr, dto.fullNameAr?.trim());
    changed(personal, 'fullNameLatin', member.fullNameLatin, dto.fullNameLatin === undefined ? undefined : dto.fullNameLatin?.trim() || null);
    changed(personal, 'dateOfBirth', member.dateOfBirth, dto.dateOfBirth);
    changed(values, 'estimatedAge', member.estimatedAge, dto.estimatedAge);
    for (const field of ['sex', 'relationship', 'needs', 'fitToTravel', 'hasMedicalClearance', 'travelMode', 'hasBestInterestsDetermination'] as const) {
      changed(values, field, member[field], dto[field]);
    }
    if (dto.documents !== undefined) {
      const before = member.documents.map((d) => maskDocument({ type: d.type, number: cipher.decrypt(d.numberEncrypted, householdId) }));
      changed(values, 'documents', before, dto.documents.map(maskDocument));
    }
    const name = {
      fullNameAr: dto.fullNameAr?.trim() ?? member.fullNameAr,
      fullNameLatin: dto.fullNameLatin === undefined ? member.fullNameLatin : dto.fullNameLatin?.trim() || null,
    };
    return { member: { id: member.id, ...name }, values, personal };
  }

  contactChanged(household: HouseholdRecord): SpecificEvent {
    return this.changes.contactChanged(household);
  }


  /** A phone given for the household (see HouseholdPhones), not yet encrypted; a refused phone is a 400. */
  readPhone(input: string | null): PhoneReading {
    return this.phones.read(input);
  }

  private phoneHashOf(input: string | null): string | null {
    return input === null ? null : this.phones.lookupHash(input);
  }

  private documentHashes(documents: { number: string }[] | undefined): string[] {
    return (documents ?? []).map((d) => this.members.documentHash(d.number));
  }

  private async mustFind(manager: EntityManager, id: string): Promise<HouseholdRecord> {
    const household = await this.store.find(manager, id);
    if (household === undefined) throw householdNotFound();
    return household;
  }
}

/** The members as stored by MembersRepository.insert, as the duplicate check compares them. */
function matchMembers(ids: string[], members: MemberDto[]): MatchMember[] {
  return members.map((m, i) => ({
    memberId: ids[i] ?? '',
    fullNameAr: m.fullNameAr.trim(),
    fullNameLatin: m.fullNameLatin?.trim() || null,
    sex: m.sex,
    dateOfBirth: m.dateOfBirth ?? null,
    estimatedAge: m.dateOfBirth ? null : (m.estimatedAge ?? null),
  }));
}

function assertOneHead(members: MemberDto[]): void {
  const heads = members.filter((m) => m.relationship === 'head').length;
  if (heads !== 1) {
    throw householdRule('ONE_HEAD', `A household has exactly one head (this one has ${heads})`, 'members');
  }
}
