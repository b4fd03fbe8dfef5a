import { createHash } from 'node:crypto';
import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { SERVICE_CONFIG } from '@awda/bootstrap';
import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { isPersonCandidate, normaliseArabic, personSearchKeys, type PersonToMatch } from '@awda/names';
import { DuplicateFinder, namesakeSearch } from '../duplicates/duplicate.finder.js';
import { DuplicateQueue } from '../duplicates/duplicate.queue.js';
import type { CreateHouseholdDto } from '../households/dto/household.dto.js';
import type { MemberDto } from '../households/dto/member.dto.js';
import { HouseholdChanges, type SpecificEvent } from '../households/household-changes.js';
import { HouseholdsRepository } from '../households/households.repository.js';
import { HouseholdPhones, PhoneRefusedError, type PhoneReading } from '../households/household-phones.js';
import { HouseholdsService } from '../households/households.service.js';
import { MembersRepository } from '../households/members.repository.js';
import type { RegistrationConfig } from '../config.js';
import { HouseholdKeys } from '../privacy/household-keys.js';
import { AreasRepository } from '../areas/areas.repository.js';
import type { RowError } from './import-rows.js';
import { ImportMatchFactsRepository } from './import-match-facts.repository.js';
import { NameMatchPool } from './name-match.pool.js';

export interface BatchItem {
  firstRow: number;
  household: CreateHouseholdDto;
}

export interface BatchOutcome {
  created: number;
  updated: number;
  unchanged: number;
  errors: RowError[];
}

/** A new household of the file, ready to insert. */
interface NewHousehold {
  id: string;
  firstRow: number;
  dto: CreateHouseholdDto;
  hash: string;
  phone: PhoneReading;
  match: MatchFacts;
}

/** Households whose duplicate facts are read and compared together: bounds the namesakes held at once. */
const CHECKED_TOGETHER = 50;

/** What the duplicate finder matches a household on. */
export interface MatchFacts {
  /** Equal means a candidate: phone hash, document number hashes. */
  exactKeys: Set<string>;
  /** Members with their name keys (sex included): a shared key makes a candidate if matchPerson says so. */
  people: { keys: string[]; person: PersonToMatch }[];
}

/** Hash of what the file says about a household: the same rows again change nothing. */
function contentHash(dto: CreateHouseholdDto): string {
  return createHash('sha256').update(JSON.stringify(dto)).digest('hex');
}

/**
 * Splits new households, in file order, into groups in which no household could be a duplicate
 * of another: none shares a phone or a document, and no two members sharing a name key are a
 * candidate by matchPerson (the finder's own test). The duplicate finder of a group's household
 * then finds the households before its group and none of its own: what it found when households
 * were registered one at a time, so the candidates queued and the events sent are the same.
 */
export function groupsWithoutPossibleDuplicates<T extends { match: MatchFacts }>(
  households: T[],
  // isPersonCandidate is exactly matchPerson(a, b).isCandidate, checking ages before names and writing no reasons.
  isCandidate: (a: PersonToMatch, b: PersonToMatch) => boolean = isPersonCandidate,
): T[][] {
  const groups: T[][] = [];
  let group: T[] = [];
  let exact = new Set<string>();
  let byName = new Map<string, PersonToMatch[]>();
  const couldMatch = ({ exactKeys, people }: MatchFacts): boolean => {
    for (const key of exactKeys) if (exact.has(key)) return true;
    for (const { keys, person } of people) {
      for (const key of keys) for (const other of byName.get(key) ?? []) if (isCandidate(person, other)) return true;
    }
    return false;
  };
  for (const household of households) {
    if (couldMatch(household.match)) {
      groups.push(group);
      group = [];
      exact = new Set();
      byName = new Map();
    }
    group.push(household);
    for (const key of household.match.exactKeys) exact.add(key);
    for (const { keys, person } of household.match.people) {
      for (const key of keys) {
        const list = byName.get(key);
        if (list) list.push(person);
        else byName.set(key, [person]);
      }
    }
  }
  if (group.length > 0) groups.push(group);
  return groups;
}

/**
 * Writes one batch of imported households in the caller's transaction: new case numbers are
 * registered set-based (a few statements per group of households, one duplicate check each), known
 * ones updated in place one by one (members matched by name, never deleted, so recorded consents
 * stay), unchanged ones left alone.
 */
@Injectable()
export class ImportBatches implements OnModuleDestroy {
  // Both serve this class only, so they are made here rather than provided.
  private readonly matchFacts = new ImportMatchFactsRepository();
  private readonly names = new NameMatchPool();

  constructor(
    private readonly households: HouseholdsService,
    private readonly store: HouseholdsRepository,
    private readonly changes: HouseholdChanges,
    private readonly members: MembersRepository,
    private readonly duplicates: DuplicateQueue,
    private readonly finder: DuplicateFinder,
    private readonly keys: HouseholdKeys,
    private readonly phones: HouseholdPhones,
    private readonly areas: AreasRepository,
    @Inject(SERVICE_CONFIG) private readonly config: RegistrationConfig,
  ) {}

  async onModuleDestroy(): Promise<void> {
    await this.names.close();
  }

  private missingCipher(householdId: string): never {
    throw new Error(`no data key made for household ${householdId}`);
  }

  async apply(manager: EntityManager, campId: string, importId: string, actor: string, batch: BatchItem[]): Promise<BatchOutcome> {
    const outcome: BatchOutcome = { created: 0, updated: 0, unchanged: 0, errors: [] };
    const knownAreas = new Set(await this.areas.existingCodes(manager, [...new Set(batch.map((b) => b.household.destinationArea))]));
    const existing = await this.store.lockByCaseNumbers(manager, campId, batch.map((b) => b.household.caseNumber));
    const byCase = new Map(existing.map((e) => [e.caseNumber, e]));
    const fresh: NewHousehold[] = [];
    const freshCases = new Set<string>();
    for (const { firstRow, household: dto } of batch) {
      if (!knownAreas.has(dto.destinationArea)) {
        outcome.errors.push({ row: firstRow, field: 'destination_area', message: `${dto.destinationArea} is not in the list of destination areas` });
        continue;
      }
      const hash = contentHash(dto);
      const found = byCase.get(dto.caseNumber);
      if (found === undefined) {
        if (freshCases.has(dto.caseNumber)) {
          outcome.errors.push({ row: firstRow, field: 'case_number', message: `case ${dto.caseNumber} is already given by another household of the file` });
          continue;
        }
        const prepared = this.prepare(firstRow, dto, hash);
        if ('message' in prepared) outcome.errors.push(prepared);
        else {
          fresh.push(prepared);
          freshCases.add(dto.caseNumber);
        }
      } else if (found.contentHash === hash) {
        outcome.unchanged += 1;
      } else {
        const error = await this.update(manager, found.id, actor, dto, hash);
        if (error) outcome.errors.push({ row: firstRow, field: null, message: error });
        else outcome.updated += 1;
      }
    }
    for (const group of groupsWithoutPossibleDuplicates(fresh)) {
      const created = await this.createGroup(manager, importId, actor, group);
      outcome.created += created.length;
      const inserted = new Set(created);
      for (const household of group) {
        if (inserted.has(household.id)) continue;
        outcome.errors.push({
          row: household.firstRow,
          field: 'case_number',
          message: `case ${household.dto.caseNumber} was registered by someone else during the import; import the file again to update it`,
        });
      }
    }
    return outcome;
  }

  private prepare(firstRow: number, dto: CreateHouseholdDto, hash: string): NewHousehold | RowError {
    const id = uuidv7();
    let phone: NewHousehold['phone'];
    try {
      phone = this.households.readPhone(dto.phone ?? null);
    } catch (error) {
      return { row: firstRow, field: 'phone', message: phoneRefusal(error) };
    }
    const match: MatchFacts = { exactKeys: new Set(), people: [] };
    if (phone.phone_hash !== null) match.exactKeys.add(`phone:${phone.phone_hash}`);
    for (const member of dto.members) {
      for (const document of member.documents ?? []) match.exactKeys.add(`document:${this.members.documentHash(document.number)}`);
      // The person as the finder reads it back from the members table.
      const fullNameLatin = member.fullNameLatin?.trim() || undefined;
      const person: PersonToMatch = {
        fullNameAr: member.fullNameAr.trim(), fullNameLatin, sex: member.sex, dateOfBirth: member.dateOfBirth,
        estimatedAge: member.dateOfBirth ? undefined : member.estimatedAge,
      };
      const keys = personSearchKeys({ fullNameAr: member.fullNameAr, fullNameLatin: member.fullNameLatin || undefined }).map((k) => `${member.sex}:${k}`);
      match.people.push({ keys, person });
    }
    return { id, firstRow, dto, hash, phone, match };
  }

  /**
   * Registers a group of households that cannot be duplicates of each other: one INSERT of the
   * households, one of members and documents, one duplicate check per household (each sees what
   * was registered before it), then every event and timeline row in one statement each. Returns the
   * ids inserted (a case number registered meanwhile by someone else is skipped).
   */
  private async createGroup(manager: EntityManager, importId: string, actor: string, group: NewHousehold[]): Promise<string[]> {
    // Each household's data key first: its phone, shelter and documents are encrypted with it.
    const ciphers = await this.keys.create(manager, group.map((h) => h.id));
    const rows = group.map((h) => {
      const cipher = ciphers.get(h.id) ?? this.missingCipher(h.id);
      const phone = this.phones.seal(cipher, h.id, h.phone);
      return {
        id: h.id, camp_id: h.dto.campId, case_number: h.dto.caseNumber,
        shelter_location: h.dto.shelterLocation ? cipher.encrypt(h.dto.shelterLocation, h.id) : null,
        destination_area: h.dto.destinationArea, language: h.dto.language, phone_encrypted: phone.phone_encrypted,
        phone_hash: phone.phone_hash, content_hash: h.hash,
      };
    });
    const inserted = await this.store.insertImported(manager, rows, actor, importId);
    const records = new Map(inserted.map((r) => [r.id, r]));
    const created = group.filter((h) => records.has(h.id));
    await this.members.insertMany(manager, created.map((h) => ({ householdId: h.id, members: h.dto.members })), ciphers);
    // A case number taken meanwhile inserted no household: its key goes too.
    const skipped = group.filter((h) => !records.has(h.id)).map((h) => h.id);
    await this.store.forgetKeys(manager, skipped);
    const published = [];
    // What each check reads, gathered for CHECKED_TOGETHER households at a time in a few statements:
    // no household of the group can be a candidate of another, so no check writes what a later one
    // reads (the finder drops the facts of a household another check pairs it with, and reads those
    // again). The names are compared in a worker thread meanwhile the main thread reads the next batch.
    try {
      for (let i = 0; i < created.length; i += CHECKED_TOGETHER) {
        const part = created.slice(i, i + CHECKED_TOGETHER);
        const facts = await this.matchFacts.gather(manager, part.map((h) => h.id), namesakeSearch);
        await this.names.addNames(facts);
        this.finder.provideGathered(manager, facts);
        for (const h of part) {
          const household = records.get(h.id);
          if (household === undefined) continue;
          // Registering changes no column of this household (only of the other households flagged).
          const flagged = await this.duplicates.check(manager, { id: h.id, campId: h.dto.campId }, actor);
          published.push({
            household,
            change: {
              kind: 'registered',
              changes: ['registered'],
              actor,
              detail: { importId, members: h.dto.members.length, possibleDuplicates: flagged },
              registered: true,
              events: [this.households.contactChanged(household)],
            },
          });
        }
        this.finder.forgetGathered(manager);
      }
    } finally {
      this.finder.forgetGathered(manager);
    }
    await this.changes.publishMany(manager, published, this.config.DEFAULT_CONSENT_POLICY);
    return created.map((h) => h.id);
  }

  /** Returns a sentence when the household cannot be changed by an import; then nothing is written. */
  private async update(manager: EntityManager, id: string, actor: string, dto: CreateHouseholdDto, hash: string): Promise<string | undefined> {
    const household = await this.store.find(manager, id, true);
    if (household === undefined) return 'household vanished during the import';
    if (household.status === 'closed' || household.status === 'departed') return `case ${dto.caseNumber} is closed; not changed`;
    if (household.erasedAt !== null) return `case ${dto.caseNumber} was erased; not changed`;
    let phone: { phone_encrypted: string | null; phone_hash: string | null };
    const cipher = await this.keys.cipherFor(manager, id);
    try {
      phone = this.phones.seal(cipher, id, this.households.readPhone(dto.phone ?? null));
    } catch (error) {
      return phoneRefusal(error);
    }
    const contactChanged = phone.phone_hash !== household.phoneHash || dto.language !== household.language;
    const current = await this.store.members(manager, [id]);
    const byName = new Map(current.map((m) => [normaliseArabic(m.fullNameAr), m]));
    const added: MemberDto[] = [];
    const matched: { id: string; member: MemberDto }[] = [];
    for (const member of dto.members) {
      const match = byName.get(normaliseArabic(member.fullNameAr));
      if (match === undefined) added.push(member);
      else matched.push({ id: match.id, member });
    }
    // Checked before any write: a refused household is left exactly as it was.
    if (added.some((m) => m.relationship === 'head')) return `case ${dto.caseNumber}: the head in the file is not the registered head; not changed`;
    for (const { id: memberId, member } of matched) {
      await this.members.update(manager, memberId, [
        ['full_name_latin', member.fullNameLatin ?? null],
        ['sex', member.sex],
        ['date_of_birth', member.dateOfBirth ?? null],
        ['estimated_age', member.dateOfBirth ? null : (member.estimatedAge ?? null)],
        ['needs', member.needs ?? []],
        ['fit_to_travel', member.fitToTravel ?? null],
      ]);
      await this.members.reindexNames(manager, memberId);
      if (member.documents !== undefined) await this.members.replaceDocuments(manager, id, memberId, member.documents);
    }
    await this.members.insert(manager, id, added, Math.max(-1, ...current.map((m) => m.position)) + 1);
    const saved = await this.changes.save(manager, household, {
      shelter_location: dto.shelterLocation ? cipher.encrypt(dto.shelterLocation, id) : null,
      destination_area: dto.destinationArea,
      language: dto.language,
      ...phone,
      content_hash: hash,
    });
    const events: SpecificEvent[] = contactChanged ? [this.households.contactChanged(saved)] : [];
    const flagged = await this.duplicates.check(manager, saved, actor);
    await this.changes.publish(manager, saved, {
      kind: 'updated',
      changes: flagged > 0 ? ['import', 'members', 'duplicates'] : ['import', 'members'],
      actor,
      detail: { membersAdded: added.length },
      events,
    });
    return undefined;
  }
}

/** The sentence of a refused phone for the row's error; anything else is not the row's fault. */
function phoneRefusal(error: unknown): string {
  if (error instanceof PhoneRefusedError) return error.sentence;
  throw error;
}
