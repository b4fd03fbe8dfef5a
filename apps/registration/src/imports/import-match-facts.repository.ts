import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { SEXES } from '@awda/contracts';
import { DEFAULT_DOB_TOLERANCE_YEARS, DEFAULT_ESTIMATED_AGE_TOLERANCE_YEARS } from '@awda/names';
import { pg, queryRows, z } from '@awda/persistence';
import type { HouseholdMatchFacts, NamesakeSearch } from '../duplicates/duplicate.finder.js';
import type { MatchLink, MatchMember, NamesakeRow } from '../duplicates/duplicates.repository.js';

// The statements of DuplicatesRepository.matchFacts and .namesakes, for many households in one
// round trip each instead of two per household: an import's group of households is checked with a
// few statements. Each household's (or member's) part is the same SQL as the one-household
// statement, so the finder reads the same rows; a change to those statements belongs here too.

const MATCH_FIELDS = (t: string) => `${t}.full_name_ar AS "fullNameAr", ${t}.full_name_latin AS "fullNameLatin", ${t}.sex,
  to_char(${t}.date_of_birth, 'YYYY-MM-DD') AS "dateOfBirth", ${t}.estimated_age AS "estimatedAge"`;
const NO_MEMBER = `NULL::uuid, NULL::text, NULL::text, NULL::text, NULL::text, NULL::integer`;
const MAX_NAME_CANDIDATES = 200;
const DOB_TOLERANCE_DAYS = Math.ceil(DEFAULT_DOB_TOLERANCE_YEARS * 365.2425) + 1;
const AGE_OF = (t: string) => `coalesce(${t}.estimated_age::float8, (current_date - ${t}.date_of_birth) / 365.2425)`;
const AGES_PLAUSIBLE = (dob: string, age: string) => {
  const ageOfMe = `coalesce(${age}::float8, (current_date - ${dob}::date) / 365.2425)`;
  return `(
  CASE WHEN m.date_of_birth IS NOT NULL AND ${dob}::date IS NOT NULL
    THEN abs(m.date_of_birth - ${dob}::date) <= ${DOB_TOLERANCE_DAYS}
    ELSE ${AGE_OF('m')} IS NULL OR ${ageOfMe} IS NULL
      OR abs(${AGE_OF('m')} - ${ageOfMe}) <= ${DEFAULT_ESTIMATED_AGE_TOLERANCE_YEARS + 0.1}
  END)`;
};

const factRow = z.object({
  householdId: pg.uuid(),
  kind: z.enum(['self', 'document', 'phone', 'queued', 'decided']),
  otherHouseholdId: pg.uuid().nullable(),
  otherCampId: pg.text().nullable(),
  memberId: pg.uuid().nullable(),
  fullNameAr: pg.text().nullable(),
  fullNameLatin: pg.text().nullable(),
  sex: z.enum(SEXES).nullable(),
  dateOfBirth: pg.text().nullable(),
  estimatedAge: pg.int().nullable(),
});
const namesakeRow = z.object({
  memberId: pg.uuid(),
  otherHouseholdId: pg.uuid(),
  otherCampId: pg.text(),
  fullNameAr: pg.text(),
  fullNameLatin: pg.text().nullable(),
  sex: z.enum(SEXES),
  dateOfBirth: pg.text().nullable(),
  estimatedAge: pg.int().nullable(),
});

/** Members searched per namesakes statement (five parameters each; one subquery each). */
const MEMBERS_PER_STATEMENT = 100;

/** What the duplicate finder reads, for many households at once (an import's group). */
@Injectable()
export class ImportMatchFactsRepository {
  /** Each household's members and links, then its members' namesakes: DuplicateFinder's facts. */
  async gather(manager: EntityManager, householdIds: string[], search: (member: MatchMember) => NamesakeSearch): Promise<Map<string, HouseholdMatchFacts>> {
    const facts = new Map<string, HouseholdMatchFacts>(householdIds.map((id) => [id, { members: [], links: [], namesakes: [] }]));
    if (householdIds.length === 0) return facts;
    for (const row of await this.matchFacts(manager, householdIds)) {
      const mine = facts.get(row.householdId);
      if (mine === undefined) continue;
      if (row.kind === 'self') {
        if (row.memberId === null || row.fullNameAr === null || row.sex === null) throw new Error('ImportMatchFactsRepository.matchFacts: a member row without its member');
        mine.members.push({ memberId: row.memberId, fullNameAr: row.fullNameAr, fullNameLatin: row.fullNameLatin, sex: row.sex, dateOfBirth: row.dateOfBirth, estimatedAge: row.estimatedAge });
      } else {
        if (row.otherHouseholdId === null || row.otherCampId === null) throw new Error('ImportMatchFactsRepository.matchFacts: a link row without its household');
        mine.links.push({ kind: row.kind, otherHouseholdId: row.otherHouseholdId, otherCampId: row.otherCampId } satisfies MatchLink);
      }
    }
    const searches = [...facts].flatMap(([householdId, f]) => f.members.map((member) => ({ householdId, ...search(member) })));
    const householdOfMember = new Map(searches.map((s) => [s.memberId, s.householdId]));
    for (let i = 0; i < searches.length; i += MEMBERS_PER_STATEMENT) {
      for (const row of await this.namesakes(manager, searches.slice(i, i + MEMBERS_PER_STATEMENT))) {
        const householdId = householdOfMember.get(row.memberId);
        if (householdId !== undefined) facts.get(householdId)?.namesakes.push(row satisfies NamesakeRow);
      }
    }
    return facts;
  }

  /** DuplicatesRepository.matchFacts for each household (a LATERAL subquery each), rows tagged with the household. */
  private async matchFacts(manager: EntityManager, householdIds: string[]) {
    return queryRows(
      manager,
      'ImportMatchFactsRepository.matchFacts',
      factRow,
      `SELECT q.id AS "householdId", f.* FROM unnest($1::uuid[]) AS q(id) CROSS JOIN LATERAL (
         SELECT 'self' AS kind, NULL::uuid AS "otherHouseholdId", NULL::text AS "otherCampId", me.id AS "memberId", ${MATCH_FIELDS('me')}
         FROM members me WHERE me.household_id = q.id
         UNION ALL
         SELECT DISTINCT 'document', d.household_id, h.camp_id, ${NO_MEMBER}
         FROM identity_documents d JOIN households h ON h.id = d.household_id
         WHERE d.number_hash = ANY (ARRAY(SELECT number_hash FROM identity_documents WHERE household_id = q.id))
           AND d.household_id <> q.id AND h.closed_reason IS DISTINCT FROM 'duplicate'
         UNION ALL
         SELECT 'phone', o.id, o.camp_id, ${NO_MEMBER}
         FROM households o
         WHERE o.phone_hash = (SELECT phone_hash FROM households WHERE id = q.id)
           AND o.id <> q.id AND o.closed_reason IS DISTINCT FROM 'duplicate'
         UNION ALL
         SELECT CASE WHEN c.status = 'open' THEN 'queued' ELSE 'decided' END, c.other_household_id, c.other_camp_id, ${NO_MEMBER}
         FROM duplicate_candidates c WHERE c.household_id = q.id
         UNION ALL
         SELECT CASE WHEN c.status = 'open' THEN 'queued' ELSE 'decided' END, c.household_id, c.camp_id, ${NO_MEMBER}
         FROM duplicate_candidates c WHERE c.other_household_id = q.id
       ) f`,
      [householdIds],
    );
  }

  /** DuplicatesRepository.namesakes for members of several households: each member's subquery leaves out its own household. */
  private async namesakes(manager: EntityManager, members: (NamesakeSearch & { householdId: string })[]) {
    if (members.length === 0) return [];
    const params: unknown[] = [];
    const param = (value: unknown) => `$${params.push(value)}`;
    const subqueries = members.map((me) => {
      const [household, id, keys, sex, dob, age] = [param(me.householdId), param(me.memberId), param(me.keys), param(me.sex), param(me.dateOfBirth), param(me.estimatedAge)];
      return `(SELECT m.household_id AS "otherHouseholdId",
          (SELECT h.camp_id FROM households h WHERE h.id = m.household_id) AS "otherCampId", ${id}::uuid AS "memberId", ${MATCH_FIELDS('m')}
        FROM members m
        WHERE m.blocking_keys && ${keys}::text[] AND m.household_id <> ${household}::uuid AND m.sex = ${sex}::text
          AND ${AGES_PLAUSIBLE(dob, age)}
          AND (SELECT h.closed_reason FROM households h WHERE h.id = m.household_id) IS DISTINCT FROM 'duplicate'
        LIMIT ${MAX_NAME_CANDIDATES})`;
    });
    return queryRows(manager, 'ImportMatchFactsRepository.namesakes', namesakeRow, subqueries.join('\n UNION ALL\n'), params);
  }
}
