import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { SEXES } from '@awda/contracts';
import { LookupHasher } from '@awda/auth';
import { execute, pg, queryRow, z } from '@awda/persistence';
import type { IdentityDocumentDto, MemberDto } from './dto/member.dto.js';
import { memberBlockingKeys, nameSearchTokens, normaliseDocumentNumber } from './member-keys.js';
import { today } from './member-age.js';
import { HouseholdKeys, type PersonalCipher } from '../privacy/household-keys.js';

/** Members and their identity documents: names indexed for matching, document numbers encrypted and hashed. */
@Injectable()
export class MembersRepository {
  constructor(
    private readonly keys: HouseholdKeys,
    private readonly hasher: LookupHasher,
  ) {}

  documentHash(number: string): string {
    return this.hasher.hash(`document:${normaliseDocumentNumber(number)}`);
  }

  /**
   * Inserts members and their documents in one statement; returns the new member ids in order.
   * cipher: the household's, when the caller has it (a new household's): saves reading its key again.
   */
  async insert(manager: EntityManager, householdId: string, members: MemberDto[], firstPosition = 0, cipher?: PersonalCipher): Promise<string[]> {
    if (members.length === 0) return [];
    const ids = members.map(() => uuidv7());
    const params: unknown[] = [];
    const rows = members.map((m, i) => {
      const values = [
        ids[i], householdId, firstPosition + i, m.fullNameAr.trim(), m.fullNameLatin?.trim() || null, m.sex,
        m.dateOfBirth ?? null, m.dateOfBirth ? null : (m.estimatedAge ?? null), today(), m.relationship, m.needs ?? [],
        m.fitToTravel ?? null, m.hasMedicalClearance ?? false, m.travelMode ?? null, m.hasBestInterestsDetermination ?? false,
        nameSearchTokens(m.fullNameAr, m.fullNameLatin),
        memberBlockingKeys(m),
      ];
      const n = params.length;
      params.push(...values);
      return `(${values.map((_, j) => `$${n + j + 1}`).join(', ')})`;
    });
    const insertMembers = `INSERT INTO members (id, household_id, position, full_name_ar, full_name_latin, sex, date_of_birth, estimated_age,
         age_recorded_on, relationship, needs, fit_to_travel, has_medical_clearance, travel_mode, has_best_interests_determination,
         name_tokens, blocking_keys)
       VALUES ${rows.join(', ')}`;
    const documents = members.flatMap((m, i) => (m.documents ?? []).map((d) => ({ memberId: ids[i] ?? '', document: d })));
    if (documents.length === 0) {
      await execute(manager, insertMembers, params);
    } else {
      // One round trip: the documents' foreign keys are checked at the end of the statement, when the members exist.
      const insertDocuments = this.documentsInsert(cipher ?? (await this.keys.cipherFor(manager, householdId)), householdId, documents, params);
      await execute(manager, `WITH new_members AS (${insertMembers} RETURNING id) ${insertDocuments}`, params);
    }
    return ids;
  }

  /**
   * Members and documents of many households in one statement (rows passed as one JSON parameter,
   * so no parameter limit): the same columns, keys and encryption as insert. Returns the member ids
   * of each household, in the order given.
   */
  async insertMany(
    manager: EntityManager,
    households: { householdId: string; members: MemberDto[]; firstPosition?: number }[],
    /** The households' ciphers when the caller has them (new households); else read per household. */
    ciphers: ReadonlyMap<string, PersonalCipher> = new Map(),
  ): Promise<string[][]> {
    const cipherOf = new Map(ciphers);
    for (const { householdId, members } of households) {
      if (!cipherOf.has(householdId) && members.some((m) => (m.documents ?? []).length > 0)) {
        cipherOf.set(householdId, await this.keys.cipherFor(manager, householdId));
      }
    }
    const memberRows: unknown[] = [];
    const documentRows: unknown[] = [];
    const recordedOn = today();
    const ids = households.map(({ householdId, members, firstPosition = 0 }) =>
      members.map((m, i) => {
        const id = uuidv7();
        memberRows.push({
          id, household_id: householdId, position: firstPosition + i, full_name_ar: m.fullNameAr.trim(),
          full_name_latin: m.fullNameLatin?.trim() || null, sex: m.sex, date_of_birth: m.dateOfBirth ?? null,
          estimated_age: m.dateOfBirth ? null : (m.estimatedAge ?? null), age_recorded_on: recordedOn, relationship: m.relationship,
          needs: m.needs ?? [], fit_to_travel: m.fitToTravel ?? null, has_medical_clearance: m.hasMedicalClearance ?? false,
          travel_mode: m.travelMode ?? null,
          has_best_interests_determination: m.hasBestInterestsDetermination ?? false,
          name_tokens: nameSearchTokens(m.fullNameAr, m.fullNameLatin),
          blocking_keys: memberBlockingKeys(m),
        });
        for (const document of m.documents ?? []) {
          const cipher = cipherOf.get(householdId);
          if (cipher === undefined) throw new Error(`no cipher for household ${householdId}`);
          documentRows.push({
            id: uuidv7(), member_id: id, household_id: householdId, type: document.type,
            number_encrypted: cipher.encrypt(document.number.trim(), householdId), number_hash: this.documentHash(document.number),
          });
        }
        return id;
      }),
    );
    if (memberRows.length === 0) return ids;
    // One round trip: the documents' foreign keys are checked at the end of the statement, when the members exist.
    await execute(
      manager,
      `WITH new_members AS (
         INSERT INTO members (id, household_id, position, full_name_ar, full_name_latin, sex, date_of_birth, estimated_age,
           age_recorded_on, relationship, needs, fit_to_travel, has_medical_clearance, travel_mode, has_best_interests_determination,
           name_tokens, blocking_keys)
         SELECT id, household_id, position, full_name_ar, full_name_latin, sex, date_of_birth, estimated_age,
           age_recorded_on, relationship, needs, fit_to_travel, has_medical_clearance, travel_mode, has_best_interests_determination,
           name_tokens, blocking_keys
         FROM json_to_recordset($1::json) AS r(id uuid, household_id uuid, position integer, full_name_ar text, full_name_latin text,
           sex text, date_of_birth date, estimated_age integer, age_recorded_on date, relationship text, needs text[],
           fit_to_travel boolean, has_medical_clearance boolean, travel_mode text, has_best_interests_determination boolean,
           name_tokens text[], blocking_keys text[])
         RETURNING id)
       INSERT INTO identity_documents (id, member_id, household_id, type, number_encrypted, number_hash)
       SELECT id, member_id, household_id, type, number_encrypted, number_hash
       FROM json_to_recordset($2::json) AS d(id uuid, member_id uuid, household_id uuid, type text, number_encrypted text, number_hash text)`,
      [JSON.stringify(memberRows), JSON.stringify(documentRows)],
    );
    return ids;
  }

  /** Recomputes the matching keys and search tokens after a name, the sex or the age changed. */
  async reindexNames(manager: EntityManager, memberId: string): Promise<void> {
    const row = await queryRow(
      manager,
      'MembersRepository.reindexNames',
      z.object({ full_name_ar: pg.text(), full_name_latin: pg.text().nullable(), sex: z.enum(SEXES), date_of_birth: pg.text().nullable() }),
      `SELECT full_name_ar, full_name_latin, sex, to_char(date_of_birth, 'YYYY-MM-DD') AS date_of_birth FROM members WHERE id = $1`,
      [memberId],
    );
    if (row === undefined) return;
    await execute(manager, `UPDATE members SET name_tokens = $2, blocking_keys = $3 WHERE id = $1`, [
      memberId,
      nameSearchTokens(row.full_name_ar, row.full_name_latin),
      memberBlockingKeys({ fullNameAr: row.full_name_ar, fullNameLatin: row.full_name_latin, sex: row.sex, dateOfBirth: row.date_of_birth }),
    ]);
  }

  /** Saves the given columns of a member (column names from the caller's code, never from input). */
  async update(manager: EntityManager, memberId: string, columns: [string, unknown][]): Promise<void> {
    if (columns.length === 0) return;
    const sets = columns.map(([c], i) => `${c} = $${i + 2}`);
    await execute(manager, `UPDATE members SET ${sets.join(', ')} WHERE id = $1`, [memberId, ...columns.map(([, v]) => v)]);
  }

  /** Removes a member (its documents and consents go with it by cascade). */
  async remove(manager: EntityManager, memberId: string): Promise<void> {
    await execute(manager, `DELETE FROM members WHERE id = $1`, [memberId]);
  }

  async replaceDocuments(manager: EntityManager, householdId: string, memberId: string, documents: IdentityDocumentDto[]): Promise<void> {
    await execute(manager, `DELETE FROM identity_documents WHERE member_id = $1`, [memberId]);
    await this.insertDocuments(manager, householdId, documents.map((document) => ({ memberId, document })));
  }

  private async insertDocuments(
    manager: EntityManager,
    householdId: string,
    documents: { memberId: string; document: IdentityDocumentDto }[],
  ): Promise<void> {
    if (documents.length === 0) return;
    const params: unknown[] = [];
    const cipher = await this.keys.cipherFor(manager, householdId);
    await execute(manager, this.documentsInsert(cipher, householdId, documents, params), params);
  }

  /** The INSERT of documents, its parameters appended to params. */
  private documentsInsert(cipher: PersonalCipher, householdId: string, documents: { memberId: string; document: IdentityDocumentDto }[], params: unknown[]): string {
    const rows = documents.map(({ memberId, document }) => {
      const id = uuidv7();
      const n = params.length;
      params.push(
        id, memberId, householdId, document.type,
        cipher.encrypt(document.number.trim(), householdId), this.documentHash(document.number),
      );
      return `($${n + 1}::uuid, $${n + 2}::uuid, $${n + 3}::uuid, $${n + 4}, $${n + 5}, $${n + 6})`;
    });
    return `INSERT INTO identity_documents (id, member_id, household_id, type, number_encrypted, number_hash) VALUES ${rows.join(', ')}`;
  }
}
