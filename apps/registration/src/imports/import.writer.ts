import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { normaliseArabic } from '@awda/names';
import { DuplicateQueue } from '../duplicates/duplicate.queue.js';
import type { CreateHouseholdDto } from '../households/dto/household.dto.js';
import { HouseholdChanges, type SpecificEvent } from '../households/household-changes.js';
import { HOUSEHOLD_COLUMNS, HouseholdStore } from '../households/household.store.js';
import type { HouseholdRecord } from '../households/household.types.js';
import { HouseholdsService } from '../households/households.service.js';
import { MemberWriter } from '../households/member.writer.js';
import type { RowError } from './import-rows.js';

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

/** Hash of what the file says about a household: the same rows again change nothing. */
function contentHash(dto: CreateHouseholdDto): string {
  return createHash('sha256').update(JSON.stringify(dto)).digest('hex');
}

/**
 * Writes one batch of imported households in the caller's transaction: new case numbers are
 * registered, known ones updated in place (members matched by name, never deleted, so recorded
 * consents stay), unchanged ones left alone.
 */
@Injectable()
export class ImportWriter {
  constructor(
    private readonly households: HouseholdsService,
    private readonly store: HouseholdStore,
    private readonly changes: HouseholdChanges,
    private readonly members: MemberWriter,
    private readonly duplicates: DuplicateQueue,
  ) {}

  async apply(manager: EntityManager, campId: string, importId: string, actor: string, batch: BatchItem[]): Promise<BatchOutcome> {
    const outcome: BatchOutcome = { created: 0, updated: 0, unchanged: 0, errors: [] };
    const areas: { code: string }[] = await manager.query(`SELECT code FROM areas WHERE code = ANY($1::text[])`, [
      [...new Set(batch.map((b) => b.household.destinationArea))],
    ]);
    const knownAreas = new Set(areas.map((a) => a.code));
    const existing: { id: string; case_number: string; content_hash: string | null }[] = await manager.query(
      `SELECT id, case_number, content_hash FROM households WHERE camp_id = $1 AND case_number = ANY($2::text[]) ORDER BY id FOR UPDATE`,
      [campId, batch.map((b) => b.household.caseNumber)],
    );
    const byCase = new Map(existing.map((e) => [e.case_number, e]));
    for (const { firstRow, household: dto } of batch) {
      if (!knownAreas.has(dto.destinationArea)) {
        outcome.errors.push({ row: firstRow, field: 'destination_area', message: `${dto.destinationArea} is not in the list of destination areas` });
        continue;
      }
      const hash = contentHash(dto);
      const found = byCase.get(dto.caseNumber);
      if (found === undefined) {
        await this.create(manager, importId, actor, dto, hash);
        outcome.created += 1;
      } else if (found.content_hash === hash) {
        outcome.unchanged += 1;
      } else {
        const error = await this.update(manager, found.id, actor, dto, hash);
        if (error) outcome.errors.push({ row: firstRow, field: null, message: error });
        else outcome.updated += 1;
      }
    }
    return outcome;
  }

  private async create(manager: EntityManager, importId: string, actor: string, dto: CreateHouseholdDto, hash: string): Promise<void> {
    const id = uuidv7();
    const phone = this.households.phoneColumns(id, dto.phone ?? null);
    const inserted: HouseholdRecord[] = await manager.query(
      `INSERT INTO households (id, camp_id, case_number, shelter_location, destination_area, language, phone_encrypted,
         phone_hash, status, version, registered_at, updated_at, created_by, import_id, content_hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'registered', 1, now(), now(), $9, $10, $11)
       RETURNING ${HOUSEHOLD_COLUMNS}`,
      [id, dto.campId, dto.caseNumber, dto.shelterLocation ?? null, dto.destinationArea, dto.language, phone.phone_encrypted,
        phone.phone_hash, actor, importId, hash],
    );
    const household = inserted[0];
    if (household === undefined) throw new Error(`imported household ${id} was not inserted`);
    await this.members.insert(manager, id, dto.members);
    // Registering changes no column of this household (only of the other households flagged).
    const flagged = await this.duplicates.check(manager, { id, campId: dto.campId }, actor);
    await this.changes.publish(manager, household, {
      kind: 'registered',
      changes: ['registered'],
      actor,
      detail: { importId, members: dto.members.length, possibleDuplicates: flagged },
      registered: true,
      events: [this.households.contactChanged(household)],
    });
  }

  /** Returns a sentence when the household cannot be changed by an import. */
  private async update(manager: EntityManager, id: string, actor: string, dto: CreateHouseholdDto, hash: string): Promise<string | undefined> {
    const household = await this.store.find(manager, id, true);
    if (household === undefined) return 'household vanished during the import';
    if (household.status === 'closed' || household.status === 'departed') return `case ${dto.caseNumber} is closed; not changed`;
    const phone = this.households.phoneColumns(id, dto.phone ?? null);
    const contactChanged = phone.phone_hash !== household.phoneHash || dto.language !== household.language;
    const current = await this.store.members(manager, [id]);
    const byName = new Map(current.map((m) => [normaliseArabic(m.fullNameAr), m]));
    const added = [];
    for (const member of dto.members) {
      const match = byName.get(normaliseArabic(member.fullNameAr));
      if (match === undefined) {
        added.push(member);
        continue;
      }
      await manager.query(
        `UPDATE members SET full_name_latin = $2, sex = $3, date_of_birth = $4, estimated_age = $5, needs = $6, fit_to_travel = $7
         WHERE id = $1`,
        [match.id, member.fullNameLatin ?? null, member.sex, member.dateOfBirth ?? null, member.dateOfBirth ? null : (member.estimatedAge ?? null),
          member.needs ?? [], member.fitToTravel ?? null],
      );
      await this.members.reindexNames(manager, match.id);
      if (member.documents !== undefined) await this.members.replaceDocuments(manager, id, match.id, member.documents);
    }
    if (added.some((m) => m.relationship === 'head')) return `case ${dto.caseNumber}: the head in the file is not the registered head; not changed`;
    await this.members.insert(manager, id, added, Math.max(-1, ...current.map((m) => m.position)) + 1);
    const saved = await this.changes.save(manager, household, {
      shelter_location: dto.shelterLocation ?? null,
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
