import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { SEXES } from '@awda/contracts';
import { DEFAULT_DOB_TOLERANCE_YEARS, DEFAULT_ESTIMATED_AGE_TOLERANCE_YEARS } from '@awda/names';
import { checkRows, execute, pg, queryRow, queryRows, z, type Row } from '@awda/persistence';

const mergeApproval = z.object({ camp: z.string(), by: z.string(), keepHouseholdId: z.string(), reason: z.string(), at: z.string() });
/** A supervisor's agreement to merge a pair, for the camps their token covers. */
export type MergeApproval = z.output<typeof mergeApproval>;

const candidateRow = z.object({
  id: pg.uuid(),
  householdId: pg.uuid(),
  otherHouseholdId: pg.uuid(),
  campId: pg.text(),
  otherCampId: pg.text(),
  reasons: pg.textArray(),
  score: pg.float(),
  status: pg.text(),
  decidedBy: pg.text().nullable(),
  decisionReason: pg.text().nullable(),
  keepHouseholdId: pg.uuid().nullable(),
  mergeApprovals: z.array(mergeApproval),
  householdStatus: pg.text().nullable(),
  otherHouseholdStatus: pg.text().nullable(),
  createdAt: pg.timestamp(),
});
export type CandidateRow = Row<typeof candidateRow>;

/** What the name match compares of a member. */
const matchPerson = z.object({
  fullNameAr: pg.text(),
  fullNameLatin: pg.text().nullable(),
  sex: z.enum(SEXES),
  dateOfBirth: pg.text().nullable(),
  estimatedAge: pg.int().nullable(),
});
export type MatchPerson = Row<typeof matchPerson>;
const selfRow = matchPerson.extend({ memberId: pg.uuid() });
export type MatchMember = Row<typeof selfRow>;
export const namesakeRow = selfRow.extend({ otherHouseholdId: pg.uuid(), otherCampId: pg.text() });
export type NamesakeRow = Row<typeof namesakeRow>;
/** Either kind of matchFacts row, checked again as selfRow or linkRow once told apart. */
export const factRow = z.object({
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
const linkRow = z.object({ kind: z.enum(['document', 'phone', 'queued', 'decided']), otherHouseholdId: pg.uuid(), otherCampId: pg.text() });
export type MatchLink = Row<typeof linkRow>;

// A very common pair of names must not make hundreds of candidates to compare; the best are enough.
const MAX_NAME_CANDIDATES = 200;

const MATCH_FIELDS = (t: string) => `${t}.full_name_ar AS "fullNameAr", ${t}.full_name_latin AS "fullNameLatin", ${t}.sex,
  to_char(${t}.date_of_birth, 'YYYY-MM-DD') AS "dateOfBirth", ${t}.estimated_age AS "estimatedAge"`;
const NO_MEMBER = `NULL::uuid, NULL::text, NULL::text, NULL::text, NULL::text, NULL::integer`;

// Ages the way matchPerson compares them (an estimated age as given, else the age from the date of
// birth today), so that the database drops namesakes whose ages rule them out before they count
// against MAX_NAME_CANDIDATES or cost a name comparison. A little looser than matchPerson (one day,
// a tenth of a year): mayBeSamePerson then decides exactly.
const DOB_TOLERANCE_DAYS = Math.ceil(DEFAULT_DOB_TOLERANCE_YEARS * 365.2425) + 1;
// In float8: days / 365.2425 alone is numeric division, several times dearer per row.
const AGE_OF = (t: string) => `coalesce(${t}.estimated_age::float8, (current_date - ${t}.date_of_birth) / 365.2425::float8)`;
/** The same with the searching member's date of birth and estimated age as parameters $dob::date and $age::integer. */
const AGES_PLAUSIBLE = (dob: string, age: string) => {
  const ageOfMe = `coalesce(${age}::float8, (current_date - ${dob}::date) / 365.2425::float8)`;
  return `(
  CASE WHEN m.date_of_birth IS NOT NULL AND ${dob}::date IS NOT NULL
    THEN abs(m.date_of_birth - ${dob}::date) <= ${DOB_TOLERANCE_DAYS}
    ELSE ${AGE_OF('m')} IS NULL OR ${ageOfMe} IS NULL
      OR abs(${AGE_OF('m')} - ${ageOfMe}) <= ${DEFAULT_ESTIMATED_AGE_TOLERANCE_YEARS + 0.1}
  END)`;
};

/**
 * The households linked to a household by a document or the phone, or already paired with it (see
 * matchFacts). `household`: how the SQL names the household's id ($1, or a column of an outer query).
 */
export const linksOf = (household: string) => `SELECT DISTINCT 'document', d.household_id, h.camp_id, ${NO_MEMBER}
FROM identity_documents d JOIN households h ON h.id = d.household_id
WHERE d.number_hash = ANY (ARRAY(SELECT number_hash FROM identity_documents WHERE household_id = ${household}))
  AND d.household_id <> ${household} AND h.closed_reason IS DISTINCT FROM 'duplicate'
UNION ALL
SELECT 'phone', o.id, o.camp_id, ${NO_MEMBER}
FROM households o
WHERE o.phone_hash = (SELECT phone_hash FROM households WHERE id = ${household})
  AND o.id <> ${household} AND o.closed_reason IS DISTINCT FROM 'duplicate'
UNION ALL
SELECT CASE WHEN c.status = 'open' THEN 'queued' ELSE 'decided' END, c.other_household_id, c.other_camp_id, ${NO_MEMBER}
FROM duplicate_candidates c WHERE c.household_id = ${household}
UNION ALL
SELECT CASE WHEN c.status = 'open' THEN 'queued' ELSE 'decided' END, c.household_id, c.camp_id, ${NO_MEMBER}
FROM duplicate_candidates c WHERE c.other_household_id = ${household}`;
const LINKS = linksOf('$1');

/** A household's own members, as matchFacts reads them (kind 'self'). */
export const selfMembersOf = (household: string) =>
  `SELECT 'self' AS kind, NULL::uuid AS "otherHouseholdId", NULL::text AS "otherCampId", me.id AS "memberId", ${MATCH_FIELDS('me')}
   FROM members me WHERE me.household_id = ${household}`;

/** A member searching for namesakes: its blocking query keys, sex and age. */
export interface NamesakeSearch {
  memberId: string;
  keys: string[];
  sex: string;
  dateOfBirth: string | null;
  estimatedAge: number | null;
}

/**
 * One subquery per searching member (parameters appended to params), each answering otherHouseholdId,
 * otherCampId, memberId and the match fields. `household`: the SQL of the searching member's own
 * household id, left out of its namesakes ($1 for one household; a parameter per member for many).
 */
export function namesakeSubqueries<M extends NamesakeSearch>(
  members: M[],
  params: unknown[],
  household: (me: M, param: (value: unknown) => string) => string = () => '$1',
): string[] {
  const param = (value: unknown) => `$${params.push(value)}`;
  return members.map((me) => {
    const own = household(me, param);
    const [id, keys, sex, dob, age] = [param(me.memberId), param(me.keys), param(me.sex), param(me.dateOfBirth), param(me.estimatedAge)];
    // The household by its key, once for each namesake that passes the member's own filters (a
    // lateral lookup kept a nested loop by OFFSET 0): a plain join made PostgreSQL hash every
    // household once per member, and two subplans (camp, closed reason) read the row twice.
    return `(SELECT m.household_id AS "otherHouseholdId", h.camp_id AS "otherCampId", ${id}::uuid AS "memberId", ${MATCH_FIELDS('m')}
      FROM members m
      CROSS JOIN LATERAL (SELECT o.camp_id, o.closed_reason FROM households o WHERE o.id = m.household_id OFFSET 0) h
      WHERE m.blocking_keys && ${keys}::text[] AND m.household_id <> ${own} AND m.sex = ${sex}::text
        AND ${AGES_PLAUSIBLE(dob, age)}
        AND h.closed_reason IS DISTINCT FROM 'duplicate'
      LIMIT ${MAX_NAME_CANDIDATES})`;
  });
}

const COLUMNS = `c.id, c.household_id AS "householdId", c.other_household_id AS "otherHouseholdId", c.camp_id AS "campId",
  c.other_camp_id AS "otherCampId", c.reasons, c.score, c.status, c.decided_by AS "decidedBy", c.decision_reason AS "decisionReason",
  c.keep_household_id AS "keepHouseholdId", c.merge_approvals AS "mergeApprovals", c.created_at AS "createdAt",
  (SELECT h.status FROM households h WHERE h.id = c.household_id) AS "householdStatus",
  (SELECT h.status FROM households h WHERE h.id = c.other_household_id) AS "otherHouseholdStatus"`;

/** The possible-duplicate pairs: found, queued, read and decided. */
@Injectable()
export class DuplicatesRepository {
  /** One page in id order (uuid v7: the order they were queued), after a cursor; one more than asked tells whether a page follows. */
  async page(
    manager: EntityManager,
    filter: { status: string; camps: string[] | null; campId: string | null; after: string | null; limit: number },
  ): Promise<CandidateRow[]> {
    return queryRows(
      manager,
      'DuplicatesRepository.page',
      candidateRow,
      `SELECT ${COLUMNS} FROM duplicate_candidates c
       WHERE c.status = $1
         AND ($2::text[] IS NULL OR c.camp_id = ANY($2::text[]) OR c.other_camp_id = ANY($2::text[]))
         AND ($3::text IS NULL OR c.camp_id = $3 OR c.other_camp_id = $3)
         AND ($4::uuid IS NULL OR c.id > $4)
       ORDER BY c.id
       LIMIT $5`,
      [filter.status, filter.camps, filter.campId, filter.after, filter.limit + 1],
    );
  }

  async find(manager: EntityManager, id: string, lock = false): Promise<CandidateRow | undefined> {
    return queryRow(manager, 'DuplicatesRepository.find', candidateRow, `SELECT ${COLUMNS} FROM duplicate_candidates c WHERE c.id = $1 ${lock ? 'FOR UPDATE OF c' : ''}`, [
      id,
    ]);
  }

  async decide(manager: EntityManager, id: string, decision: 'same' | 'distinct', by: string, reason: string, keep: string | null): Promise<void> {
    await execute(
      manager,
      `UPDATE duplicate_candidates SET status = $2, decided_by = $3, decided_at = now(), decision_reason = $4, keep_household_id = $5 WHERE id = $1`,
      [id, decision, by, reason, keep],
    );
  }

  async proposeMerge(manager: EntityManager, id: string, approvals: MergeApproval[], keep: string): Promise<void> {
    await execute(manager, `UPDATE duplicate_candidates SET merge_approvals = $2::jsonb, keep_household_id = $3 WHERE id = $1`, [
      id,
      JSON.stringify(approvals),
      keep,
    ]);
  }

  /**
   * Serialises registrations that share a phone or a document number, until commit (advisory locks
   * on the identity hashes, with a household also its phone and documents as committed), keys in one order.
   */
  async lockIdentities(manager: EntityManager, keys: string[], householdId: string | null): Promise<void> {
    await execute(
      manager,
      `SELECT count(pg_advisory_xact_lock(hashtextextended('registration.identity:' || k, 0))) FROM (
         SELECT k FROM (
           SELECT unnest($1::text[]) AS k
           UNION SELECT phone_hash FROM households WHERE id = $2 AND phone_hash IS NOT NULL
           UNION SELECT number_hash FROM identity_documents WHERE household_id = $2
         ) identities ORDER BY k COLLATE "C") ordered`,
      [keys, householdId],
    );
  }

  /**
   * The household's members (what the name match compares) and the households linked to it by a
   * document or the phone, or already paired with it (queued: open, decided: otherwise).
   * The household's own hashes are looked up first (ARRAY(...), a scalar subquery): with the
   * hashes as parameters of the outer scan the plan is an index lookup by hash whatever the
   * statistics say. Joined instead, stale statistics (tables grow all day) made PostgreSQL walk the
   * whole phone index filtering on the household's id, or scan every document (bench auto_explain).
   */
  async matchFacts(manager: EntityManager, householdId: string): Promise<{ members: MatchMember[]; links: MatchLink[] }> {
    // One round trip: the members (kind 'self') and the links, told apart by kind.
    const rows = await queryRows(
      manager,
      'DuplicatesRepository.matchFacts',
      factRow,
      `${selfMembersOf('$1')}
       UNION ALL
       ${LINKS}`,
      [householdId],
    );
    const self = rows.filter((r) => r.kind === 'self');
    const others = rows.filter((r) => r.kind !== 'self');
    return {
      members: checkRows('DuplicatesRepository.matchFacts (members)', selfRow, self),
      links: checkRows('DuplicatesRepository.matchFacts (links)', linkRow, others),
    };
  }

  /**
   * Members of other households whose blocking keys overlap each searching member's and whose sex and
   * age allow the same person, at most MAX_NAME_CANDIDATES per member, in one statement (a subquery
   * per member through the GIN index on blocking_keys, its own array of query keys, so PostgreSQL
   * plans with the actual keys).
   */
  async namesakes(manager: EntityManager, householdId: string, members: NamesakeSearch[]): Promise<NamesakeRow[]> {
    if (members.length === 0) return [];
    const params: unknown[] = [householdId];
    return queryRows(manager, 'DuplicatesRepository.namesakes', namesakeRow, namesakeSubqueries(members, params).join('\n UNION ALL\n'), params);
  }

  /**
   * matchFacts' links and namesakes' rows in one round trip, for a household whose members the
   * caller has just inserted and so knows (what matchFacts would read of them): told apart by kind.
   */
  async linksAndNamesakes(manager: EntityManager, householdId: string, members: NamesakeSearch[]): Promise<{ links: MatchLink[]; namesakes: NamesakeRow[] }> {
    const params: unknown[] = [householdId];
    const names = namesakeSubqueries(members, params).map((q) => `SELECT 'name' AS kind, n.* FROM ${q} n`);
    const rows = await queryRows(
      manager,
      'DuplicatesRepository.linksAndNamesakes',
      factRow.extend({ kind: z.enum(['name', 'document', 'phone', 'queued', 'decided']) }),
      [`SELECT * FROM (${LINKS}) links (kind, "otherHouseholdId", "otherCampId", "memberId", "fullNameAr", "fullNameLatin", sex, "dateOfBirth", "estimatedAge")`, ...names].join('\n UNION ALL\n'),
      params,
    );
    return {
      links: checkRows('DuplicatesRepository.linksAndNamesakes (links)', linkRow, rows.filter((r) => r.kind !== 'name')),
      namesakes: checkRows('DuplicatesRepository.linksAndNamesakes (namesakes)', namesakeRow, rows.filter((r) => r.kind === 'name')),
    };
  }

  /** Queues the pairs not queued yet; answers the other households newly queued, sorted. */
  async queue(
    manager: EntityManager,
    householdId: string,
    campId: string,
    findings: { otherHouseholdId: string; otherCampId: string; reasons: string[]; score: number }[],
  ): Promise<string[]> {
    if (findings.length === 0) return [];
    const params: unknown[] = [householdId, campId];
    const values = findings.map((finding) => {
      const n = params.length;
      params.push(uuidv7(), finding.otherHouseholdId, finding.otherCampId, finding.reasons, finding.score);
      return `($${n + 1}::uuid, $1::uuid, $${n + 2}::uuid, $2, $${n + 3}, $${n + 4}::text[], $${n + 5}::real)`;
    });
    const inserted = await queryRows(
      manager,
      'DuplicatesRepository.queue',
      z.object({ other: pg.uuid() }),
      `INSERT INTO duplicate_candidates (id, household_id, other_household_id, camp_id, other_camp_id, reasons, score)
       VALUES ${values.join(', ')} ON CONFLICT DO NOTHING RETURNING other_household_id AS other`,
      params,
    );
    return inserted.map((r) => r.other).sort();
  }
}
